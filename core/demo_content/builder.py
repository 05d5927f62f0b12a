"""Builds each demo portal's pages. Every step looks for what it would create first,
so running seed_demo again adds what is missing and changes nothing else."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.files.images import ImageFile
from django.db import connection
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image

from core.models import (
    DirectiveIndexPage,
    DirectivePage,
    HomePage,
    IssuingBody,
    NewsArticlePage,
    NewsCategory,
    NewsIndexPage,
    OfficialContact,
    OrganisationPage,
    OrganisationUnit,
    SupervisedDirective,
    SupervisionReportPage,
    SupervisionSubject,
)
from core.text import fold

from . import INTROS
from .looks import apply_look
from .sections import fill_sections

HCM = ZoneInfo("Asia/Ho_Chi_Minh")

PROVINCE_DIRECTIVES = [
    {
        "document_type": "chi-thi",
        "number_symbol": "24-CT/TU",
        "issue_date": date(2018, 2, 27),
        "signer": "Bí thư Tỉnh ủy",
        "summary": "Về tăng cường và đổi mới công tác dân vận trong cơ quan hành chính nhà nước, "
        "chính quyền các cấp trong tình hình mới",
    },
    {
        "document_type": "ke-hoach",
        "number_symbol": "112-KH/TU",
        "issue_date": date(2023, 3, 15),
        "signer": "Phó Bí thư Thường trực Tỉnh ủy",
        "summary": "Kế hoạch kiểm tra, giám sát của Ban Thường vụ Tỉnh ủy năm 2023",
    },
    {
        "document_type": "nghi-quyet",
        "number_symbol": "05-NQ/TU",
        "issue_date": date(2021, 8, 10),
        "signer": "Bí thư Tỉnh ủy",
        "summary": "Về chuyển đổi số tỉnh Lâm Đồng giai đoạn 2021–2025, định hướng đến năm 2030",
    },
]

# Invented people (the demo names no real official): (name, position, phone, spokesperson).
LEADERS = {
    "lamdong": [
        ("Trần Quốc Hưng", "Bí thư Tỉnh ủy", "0263 3822 101", False),
        ("Nguyễn Thị Lan", "Chủ tịch Ủy ban nhân dân tỉnh", "0263 3822 102", False),
        ("Trần Văn Hiệp", "Chánh Văn phòng Tỉnh ủy", "0263 3822 207", True),
    ],
    "dateh": [
        ("Lê Minh Quang", "Bí thư Huyện ủy", "0263 3880 101", False),
        ("Phạm Thu Hà", "Chủ tịch Ủy ban nhân dân huyện", "0263 3880 102", False),
        ("Nguyễn Văn Dũng", "Chánh Văn phòng Huyện ủy", "0263 3880 123", True),
    ],
    "cattien": [
        ("Đỗ Văn Nam", "Bí thư Huyện ủy", "0263 3885 101", False),
        ("Hoàng Thị Mai", "Chủ tịch Ủy ban nhân dân huyện", "0263 3885 102", False),
        ("Lê Thị Hồng", "Chánh Văn phòng Huyện ủy", "0263 3885 246", True),
    ],
    "dahuoai": [
        ("Vũ Đức Thịnh", "Bí thư Huyện ủy", "0263 3874 101", False),
        ("Ngô Thị Bích", "Chủ tịch Ủy ban nhân dân huyện", "0263 3874 102", False),
        ("Phạm Minh Tuấn", "Chánh Văn phòng Huyện ủy", "0263 3874 318", True),
    ],
}
UNITS = [("Văn phòng", "Chánh Văn phòng"), ("Ban Tổ chức", "Trưởng ban"), ("Ủy ban Kiểm tra", "Chủ nhiệm")]

DISTRICT_NEWS = [
    ("Hội nghị sơ kết công tác dân vận 6 tháng đầu năm", "Tin hoạt động"),
    ("Ra quân hưởng ứng phong trào thi đua «Dân vận khéo»", "Xây dựng Đảng"),
]
# Each district's own two stories (no text shared between portals, none cut short).
DISTRICT_STORIES = {
    "dateh": [
        "Hội nghị đánh giá 6 tháng đầu năm: khối dân vận đã phối hợp tổ chức 42 buổi tiếp xúc, "
        "đối thoại với nhân dân, giải quyết dứt điểm 17 kiến nghị về đất đai và giao thông nông thôn.",
        "Đoàn viên thanh niên các xã ra quân sửa chữa 3 km đường liên thôn, trồng 2.000 cây xanh "
        "dọc tuyến tỉnh lộ 721, mở đầu đợt thi đua «Dân vận khéo» năm nay.",
    ],
    "cattien": [
        "Ban Dân vận Huyện ủy báo cáo: 6 tháng qua, các xã đã vận động nhân dân hiến 12.000 m² đất "
        "làm đường, hoàn thành 9 công trình dân sinh từ nguồn xã hội hóa.",
        "Hội Nông dân huyện phát động mô hình «Cánh đồng sạch» tại xã Tiên Hoàng; 120 hộ đăng ký "
        "sản xuất lúa theo quy trình an toàn, thu gom bao bì thuốc bảo vệ thực vật đúng nơi quy định.",
    ],
    "dahuoai": [
        "Sáu tháng đầu năm, Mặt trận và các đoàn thể huyện tổ chức 28 cuộc giám sát, phản biện xã hội; "
        "kiến nghị của cử tri về nước sinh hoạt ở thị trấn Mađaguôi đã được trả lời.",
        "Phụ nữ các thôn ra quân làm sạch 15 tuyến đường hoa, vận động 300 hộ phân loại rác tại nguồn, "
        "hưởng ứng phong trào «Dân vận khéo» gắn với xây dựng nông thôn mới.",
    ],
}


def demo_image(title: str, collection, colour: str) -> Image:
    existing = Image.objects.filter(title=title, collection=collection).first()
    if existing:
        return existing
    picture = PILImage.new("RGB", (1200, 800), colour)
    ImageDraw.Draw(picture).rectangle((60, 560, 1140, 740), fill="#ffffff")
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=80)
    filename = f"{fold(title).replace(' ', '-')[:60]}.jpg"
    return Image.objects.create(title=title, collection=collection, file=ImageFile(buffer, name=filename))


def demo_banner(tenant) -> Image:
    """A wide, dark header picture: hills at dusk, dark enough for white text."""
    title = f"Ảnh nền {tenant.name}"
    existing = Image.objects.filter(title=title, collection=tenant.collection).first()
    if existing:
        return existing
    width, height = 1600, 320
    picture = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height):  # sky: deep red to maroon
        shade = y / height
        draw.line([(0, y), (width, y)], fill=(int(120 - 60 * shade), int(18 - 8 * shade), int(16 - 6 * shade)))
    for offset, colour in ((150, (52, 10, 8)), (210, (36, 6, 6))):  # two ranges of hills
        points = [(x, offset + int(40 * ((x / 230) % 2 - 1) ** 2)) for x in range(0, width + 1, 40)]
        draw.polygon([(0, height), *points, (width, height)], fill=colour)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=82)
    return Image.objects.create(
        title=title, collection=tenant.collection, file=ImageFile(buffer, name=f"anh-nen-{tenant.slug}.jpg")
    )


def child(parent, model, slug, **fields):
    """The child page with this slug, created and published if missing; a section the
    portal was provisioned with (empty) gets the demo's text, once."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
    elif page.latest_revision_id is None and fields:
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision().publish()
    return page


def build_sections(tenant, province_root_url):
    home = HomePage.objects.get(pk=tenant.site.root_page_id)
    banner = demo_banner(tenant) if tenant.level == "province" else None
    apply_look(tenant, banner)
    if not home.intro:
        home.intro = f"<p>{INTROS.get(tenant.slug, '')}</p>"
        links = [("Cổng thông tin điện tử tỉnh Lâm Đồng", province_root_url)] if tenant.level != "province" else []
        links += [
            ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn"),
            ("Cổng TTĐT Chính phủ", "https://chinhphu.vn"),
        ]
        home.sidebar = [
            (
                "website_links",
                {
                    "heading": "Liên kết website",
                    # Districts show the compact select (it works without JavaScript).
                    "display": "list" if tenant.level == "province" else "select",
                    "links": [{"title": title, "url": url} for title, url in links],
                },
            ),
            ("visitor_stats", None),
        ]
        home.save_revision().publish()
    news = child(home, NewsIndexPage, "tin-tuc", title="Tin tức", intro=f"Tin hoạt động của {tenant.name}.")
    directives = child(
        home, DirectiveIndexPage, "van-ban", title="Văn bản", intro="Tra cứu văn bản chỉ đạo, điều hành."
    )
    organisation = child(
        home,
        OrganisationPage,
        "gioi-thieu",
        title="Giới thiệu và liên hệ",
        functions=(
            f"<p>Lãnh đạo, chỉ đạo toàn diện các mặt công tác trên địa bàn {tenant.name}; quyết định chủ trương, "
            "biện pháp thực hiện nghị quyết, chỉ thị của cấp trên; kiểm tra, giám sát việc thực hiện.</p>"
        ),
        body=(
            "<p>Gồm Ban Chấp hành, Ban Thường vụ, Thường trực và các cơ quan tham mưu, giúp việc: Văn phòng, "
            f"Ban Tổ chức, Ủy ban Kiểm tra. Cổng thông tin điện tử {tenant.name} do Văn phòng quản lý.</p>"
        ),
        address=f"Trung tâm hành chính {tenant.name}, tỉnh Lâm Đồng",
        phone=LEADERS.get(tenant.slug, LEADERS["dateh"])[2][2],
        email=f"vanphong@{tenant.slug}.example.invalid",
    )
    if not organisation.contacts.exists():
        people = LEADERS.get(tenant.slug, LEADERS["dateh"])
        for order, (name, position, phone, spokesperson) in enumerate(people):
            OfficialContact.objects.create(
                page=organisation,
                sort_order=order,
                name=name,
                position=position,
                phone=phone,
                email=f"{fold(name).split()[-1]}@{tenant.slug}.example.invalid",
                is_spokesperson=spokesperson,
            )
        for order, (unit, head) in enumerate(UNITS):
            OrganisationUnit.objects.create(
                page=organisation,
                sort_order=order,
                name=unit,
                head=head,
                phone=people[0][2][:-3] + f"{200 + order:03d}",
                address=f"Trung tâm hành chính {tenant.name}",
            )
    for name in ("Tin hoạt động", "Xây dựng Đảng"):
        NewsCategory.objects.get_or_create(tenant=tenant, name=name)
    fill_sections(tenant, home)
    return home, news, directives


def build_province(tenant, root_url):
    _home, news, directives = build_sections(tenant, root_url)
    issuer, _ = IssuingBody.objects.get_or_create(
        tenant=tenant, name="Ban Thường vụ Tỉnh ủy", defaults={"symbol": "TU"}
    )
    for spec in PROVINCE_DIRECTIVES:
        title = f"{dict(DirectivePage._meta.get_field('document_type').choices)[spec['document_type']]} {spec['number_symbol']}"
        slug = fold(spec["number_symbol"]).replace("/", "-")
        child(directives, DirectivePage, slug, title=title, issuer=issuer, **spec)
    child(
        news,
        NewsArticlePage,
        "tinh-uy-trien-khai-chuyen-doi-so",
        title="Tỉnh ủy triển khai nhiệm vụ chuyển đổi số năm 2023",
        lead="Ban Thường vụ Tỉnh ủy yêu cầu các huyện ủy hoàn thành cổng thông tin điện tử trong năm.",
        published_at=datetime(2023, 9, 5, 8, 30, tzinfo=HCM),
        body=[("paragraph", "<p>Các huyện ủy báo cáo kết quả thực hiện về Văn phòng Tỉnh ủy trước ngày 30/11.</p>")],
    )


def build_district(tenant, root_url, province, article):
    _home, news, _directives = build_sections(tenant, root_url)
    issuer, _ = IssuingBody.objects.get_or_create(
        tenant=tenant, name=f"Ban Thường vụ Huyện ủy {tenant.name}", defaults={"symbol": "HU"}
    )
    categories = {c.name: c for c in NewsCategory.objects.filter(tenant=tenant)}
    for index, (title, category) in enumerate(DISTRICT_NEWS):
        page = child(
            news,
            NewsArticlePage,
            fold(title).replace(" ", "-").replace("«", "").replace("»", ""),
            title=f"{tenant.name}: {title}",
            lead=f"{tenant.name} tổ chức {title[0].lower()}{title[1:]}.",
            published_at=datetime(2023, 8, 20 + index, 9, 0, tzinfo=HCM),
            body=[("paragraph", f"<p>{DISTRICT_STORIES.get(tenant.slug, DISTRICT_STORIES['dateh'])[index]}</p>")],
        )
        page.categories.add(categories[category])
    if tenant.slug == "dateh":
        build_fixture_report(tenant, news, issuer, province, article, categories["Xây dựng Đảng"])


def build_fixture_report(tenant, news, issuer, province, article, category):
    """The real Đạ Tẻh supervision report on Directive 24-CT/TU, every element of it."""
    slug = "giam-sat-chi-thi-24-ct-tu"
    if SupervisionReportPage.objects.child_of(news).filter(slug=slug).exists():
        return
    directive = DirectivePage.objects.get(number_key="24CTTU", issuer__tenant=province)
    photos = [
        demo_image("Đoàn giám sát làm việc với Đảng ủy xã An Nhơn", tenant.collection, "#7a8f5c"),
        demo_image("Đoàn giám sát làm việc với Đảng ủy Trung tâm Y tế huyện", tenant.collection, "#5c7a8f"),
    ]
    intro, *rest = article["body"]
    body = [("paragraph", f"<p>{intro}</p>")]
    body += [
        ("image", {"image": photo, "alt_text": photo.title, "caption": caption, "credit": "Ảnh: Huyện ủy Đạ Tẻh"})
        for photo, caption in zip(photos, article["captions"], strict=True)
    ]
    # The findings and recommendations have fields of their own (shown under their
    # headings); the body keeps the rest, so no paragraph is printed twice.
    body += [("paragraph", f"<p>{paragraph}</p>") for paragraph in rest[2:]]
    report = SupervisionReportPage(
        slug=slug,
        title=article["title"],
        lead="Đoàn giám sát của Huyện ủy giám sát việc lãnh đạo, chỉ đạo thực hiện Chỉ thị 24-CT/TU đối với 03 tập thể và 03 cá nhân.",
        published_at=datetime(2023, 9, 14, 11, 2, tzinfo=HCM),
        featured_image=photos[0],
        body=body,
        decision_number="893-QĐ/HU",
        decision_date=date(2023, 6, 27),
        decision_issuer=issuer,
        supervising_body="Đoàn giám sát của Huyện ủy Đạ Tẻh",
        period_start=date(2023, 9, 12),
        period_end=date(2023, 9, 13),
        findings=f"<p>{rest[0]}</p>",
        recommendations=f"<p>{rest[1]}</p>",
        status="concluded",
    )
    report.supervised_directives = [SupervisedDirective(directive=directive)]
    report.subjects = [
        SupervisionSubject(kind="collective", name="Đảng ủy xã An Nhơn"),
        SupervisionSubject(
            kind="individual", name="Phó Bí thư Đảng ủy, Chủ tịch UBND xã An Nhơn", role="Phó Bí thư, Chủ tịch UBND xã"
        ),
        SupervisionSubject(kind="collective", name="Đảng ủy Trung tâm Y tế huyện"),
        SupervisionSubject(kind="individual", name="Bí thư Đảng ủy Trung tâm Y tế huyện", role="Bí thư Đảng ủy"),
        SupervisionSubject(kind="collective", name="Đảng ủy Trường THPT Đạ Tẻh"),
        SupervisionSubject(kind="individual", name="Bí thư Đảng ủy Trường THPT Đạ Tẻh", role="Bí thư Đảng ủy"),
    ]
    news.add_child(instance=report)
    report.categories.add(category)
    report.save_revision().publish()


def carry_over_old_counters(tenant, article):
    """Đạ Tẻh's old portal showed 398 views under this article and 002587620 visits:
    the demo starts from them, as a migrated portal would (set_visit_baseline)."""
    from analytics.models import PageViewTotal, VisitBaseline
    from analytics.periods import periods_of

    report = (
        SupervisionReportPage.objects.filter(slug="giam-sat-chi-thi-24-ct-tu")
        .descendant_of(tenant.site.root_page)
        .first()
    )
    if report is None:
        return
    stats, now = article["statistics"], periods_of(datetime.now(HCM))
    VisitBaseline.objects.get_or_create(
        tenant=tenant,
        defaults={
            "total": stats["total"], "year": int(now.year), "year_visits": stats["year"],
            "month": now.month, "month_visits": stats["month"], "week": now.week, "week_visits": stats["week"],
        },
    )  # fmt: skip
    PageViewTotal.objects.get_or_create(tenant=tenant, page_id=report.pk, defaults={"views": article["views"]})


def fill_in_bulk(province, districts, articles: int, directives: int, stream):
    """Top every district up to `articles` news articles and the province up to
    `directives` documents, in bulk, with a progress bar."""
    from tqdm import tqdm

    from core.bulk import bulk_add_children

    from . import bulk

    plan = []
    for district in districts:
        news = NewsIndexPage.objects.child_of(HomePage.objects.get(pk=district.site.root_page_id)).get(slug="tin-tuc")
        have = NewsArticlePage.objects.child_of(news).count()
        if have < articles:
            plan.append((news, bulk.articles(district, articles - have, start=have)))
    index = DirectiveIndexPage.objects.child_of(HomePage.objects.get(pk=province.site.root_page_id)).get(slug="van-ban")
    have = DirectivePage.objects.child_of(index).count()
    if have < directives:
        plan.append((index, bulk.directives(province, directives - have, start=have)))
    total = sum(len(pages) for _, pages in plan)
    with tqdm(total=total, unit="trang", desc="Tạo trang hàng loạt", file=stream, disable=not total) as bar:
        for parent, pages in plan:
            bulk_add_children(parent, pages, on_batch=bar.update)
    if total and connection.vendor == "postgresql":
        # Fresh planner statistics: without them PostgreSQL plans queries over the
        # new rows as if the tables were still nearly empty.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
