"""What the demo puts in the sections every portal is provisioned with (core.sections):
a few administrative procedures with their links to the public-service portals, a
plan, a budget report, this week's work calendar, and an album of illustrations.
Each item is created once; running seed_demo again changes nothing."""

from datetime import date, time, timedelta

from django.dispatch import Signal
from django.utils import timezone

from core.bulk import bulk_add_children
from core.models import (
    DraftDocumentPage,
    GalleryPage,
    InformationItemPage,
    WorkCalendarEntry,
    WorkCalendarPage,
    WorkWeekPage,
)
from core.models.sections import monday_of

# Sent with tenant and draft when the demo adds its draft open for comments; the apps
# above add what the public did with it (citizens: two comments published, one waiting).
demo_draft_added = Signal()

PROCEDURES = [
    (
        "chung-thuc-ban-sao-tu-ban-chinh",
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
        "Nộp tại Bộ phận tiếp nhận và trả kết quả; giải quyết trong ngày; lệ phí 2.000 đồng một trang.",
        "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001035",
    ),
    (
        "dang-ky-khai-sinh",
        "Đăng ký khai sinh",
        "Nộp trực tuyến hoặc trực tiếp; giải quyết trong ngày làm việc; miễn lệ phí đăng ký đúng hạn.",
        "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193",
    ),
    (
        "cap-giay-xac-nhan-tinh-trang-hon-nhan",
        "Cấp giấy xác nhận tình trạng hôn nhân",
        "Giải quyết trong 3 ngày làm việc; nộp trực tuyến trên Cổng Dịch vụ công quốc gia.",
        "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.004873",
    ),
]


def _item(section, slug, **fields):
    """Written as an import would be (core.bulk: live, no revision): cheap to seed."""
    page = InformationItemPage.objects.child_of(section).filter(slug=slug).first()
    if page is None:
        (page,) = bulk_add_children(section, [InformationItemPage(slug=slug, **fields)])
    return page


def fill_sections(tenant, home):
    sections = {page.slug: page for page in home.get_children().specific()}
    for slug, title, summary, url in PROCEDURES:
        _item(
            sections["thu-tuc-hanh-chinh"],
            slug,
            title=title,
            summary=summary,
            issued_on=date(2024, 7, 1),
            link_url=url,
            link_title="Nộp hồ sơ trên Cổng Dịch vụ công quốc gia",
        )
    _item(
        sections["ke-hoach"],
        "ke-hoach-chuyen-doi-so-2025",
        title=f"Kế hoạch chuyển đổi số của {tenant.name} năm 2025",
        reference="18/KH-UBND",
        issued_on=date(2025, 1, 20),
        summary="Mục tiêu: 100% hồ sơ thủ tục hành chính được tiếp nhận trực tuyến; "
        "cổng thông tin điện tử cập nhật tin bài hằng tuần.",
    )
    _item(
        sections["ngan-sach"],
        "cong-khai-du-toan-ngan-sach-2025",
        title="Công khai dự toán ngân sách năm 2025",
        reference="05/QĐ-UBND",
        issued_on=date(2025, 1, 10),
        summary="Dự toán thu, chi ngân sách được Hội đồng nhân dân thông qua, công khai theo Thông tư 343/2016/TT-BTC.",
    )
    _item(
        sections["pho-bien-phap-luat"],
        "luat-to-chuc-chinh-quyen-dia-phuong-2025",
        title="Giới thiệu Luật Tổ chức chính quyền địa phương năm 2025",
        issued_on=date(2025, 6, 20),
        summary="Chính quyền địa phương hai cấp (tỉnh và xã) từ ngày 01/7/2025: những điểm mới người dân cần biết.",
    )
    _item(
        sections["du-an-dau-thau"],
        "ke-hoach-lua-chon-nha-thau-duong-giao-thong-noi-dong",
        title="Kế hoạch lựa chọn nhà thầu: cứng hóa đường giao thông nội đồng",
        reference="42/QĐ-UBND",
        issued_on=date(2025, 4, 8),
        summary="Gói thầu xây lắp 1,2 km đường bê tông; đấu thầu rộng rãi qua mạng trên Hệ thống mạng đấu thầu quốc gia.",
        link_url="https://muasamcong.mpi.gov.vn",
        link_title="Hệ thống mạng đấu thầu quốc gia",
    )
    _item(
        sections["cong-khai-thong-tin"],
        "danh-muc-thong-tin-cong-khai",
        title="Danh mục thông tin phải được công khai",
        issued_on=date(2025, 2, 14),
        summary="Theo Điều 17 Luật Tiếp cận thông tin: văn bản quy phạm pháp luật, kế hoạch, ngân sách, "
        "thủ tục hành chính, dự án đầu tư, kết quả thanh tra; nơi đăng và thời hạn công khai.",
    )
    _draft(sections["lay-y-kien-du-thao"], tenant)
    _this_week(sections["lich-cong-tac"], tenant)
    _album(sections["thu-vien-anh-video"], tenant)


def _draft(section, tenant):
    """A draft open for comments until three weeks from today; the comments on it are
    citizens' (demo_draft_added)."""
    slug = "du-thao-quy-che-tiep-cong-dan"
    if DraftDocumentPage.objects.child_of(section).filter(slug=slug).exists():
        return
    today = timezone.localdate()
    (draft,) = bulk_add_children(
        section,
        [
            DraftDocumentPage(
                slug=slug,
                title=f"Dự thảo Quy chế tiếp công dân của {tenant.name}",
                issued_on=today - timedelta(days=7),
                closes_on=today + timedelta(days=21),
                summary="Quy định lịch tiếp công dân định kỳ, trách nhiệm của người đứng đầu và việc "
                "tiếp nhận, trả lời kiến nghị qua cổng thông tin điện tử.",
                body="<p>Điều 1. Phạm vi điều chỉnh. Điều 2. Lịch tiếp công dân định kỳ vào ngày 15 hằng tháng. "
                "Điều 3. Tiếp nhận kiến nghị trực tuyến và thời hạn trả lời.</p>",
            )
        ],
    )
    demo_draft_added.send(sender=DraftDocumentPage, tenant=tenant, draft=draft)


def _this_week(calendar: WorkCalendarPage, tenant):
    monday = monday_of(timezone.localdate())
    slug = f"tuan-{monday:%Y-%m-%d}"
    if WorkWeekPage.objects.child_of(calendar).filter(slug=slug).exists():
        return
    week = WorkWeekPage(
        slug=slug, title=f"Lịch công tác tuần {monday:%V}/{monday:%Y}", week_start=monday, note="Lịch có thể thay đổi."
    )
    week.entries = [
        WorkCalendarEntry(
            day=monday,
            time=time(7, 30),
            content="Giao ban lãnh đạo đầu tuần",
            chair="Bí thư",
            participants="Thường trực, lãnh đạo các cơ quan",
            location="Phòng họp số 1",
        ),
        WorkCalendarEntry(
            day=monday + timedelta(days=2),
            time=time(8, 0),
            content="Tiếp công dân định kỳ",
            chair="Chủ tịch Ủy ban nhân dân",
            location="Trụ sở tiếp công dân",
        ),
        WorkCalendarEntry(
            day=monday + timedelta(days=4),
            time=time(14, 0),
            content=f"Kiểm tra tiến độ chuyển đổi số tại {tenant.name}",
            chair="Phó Chủ tịch Ủy ban nhân dân",
            participants="Văn phòng, bộ phận một cửa",
            location="Bộ phận tiếp nhận và trả kết quả",
        ),
    ]
    calendar.add_child(instance=week)
    week.save_revision().publish()


def _album(index, tenant):
    from .builder import demo_banner

    if GalleryPage.objects.child_of(index).exists():
        return
    picture = demo_banner(tenant)  # an honest illustration, drawn, not a photo
    album = GalleryPage(
        slug="phong-canh-que-huong",
        title=f"Phong cảnh {tenant.name} (tranh minh họa)",
        taken_on=date(2025, 3, 26),
        cover=picture,
        body=[
            (
                "image",
                {
                    "image": picture,
                    "alt_text": "Những dãy đồi sẫm màu dưới bầu trời hoàng hôn",
                    "caption": "Đồi núi lúc hoàng hôn (tranh vẽ minh họa)",
                    "credit": "Minh họa của bản trình diễn",
                },
            )
        ],
    )
    index.add_child(instance=album)
    album.save_revision().publish()
