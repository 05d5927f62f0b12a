"""Many plausible articles and directives, for large demo provinces and benchmarks.

Text is combined from the vocabulary of district portals, so search and lookup have
realistic, varied Vietnamese to work on."""

from datetime import date, datetime, timedelta
from itertools import cycle
from zoneinfo import ZoneInfo

from core.models import DirectivePage, IssuingBody, NewsArticlePage

HCM = ZoneInfo("Asia/Ho_Chi_Minh")

ACTIONS = ["Hội nghị", "Tập huấn", "Kiểm tra", "Giám sát", "Tuyên truyền", "Ra quân", "Sơ kết", "Tổng kết"]
TOPICS = [
    "công tác dân vận",
    "chuyển đổi số",
    "cải cách hành chính",
    "xây dựng nông thôn mới",
    "phòng chống thiên tai",
    "an toàn giao thông",
    "bảo vệ rừng",
    "y tế cơ sở",
    "giáo dục đạo đức công vụ",
    "quy chế dân chủ ở cơ sở",
]
PLACES = ["xã An Nhơn", "xã Triệu Hải", "thị trấn Đạ Tẻh", "xã Quốc Oai", "xã Mỹ Đức", "xã Hà Đông", "xã Đạ Kho"]
DIRECTIVE_TYPES = [
    ("chi-thi", "CT"),
    ("nghi-quyet", "NQ"),
    ("quyet-dinh", "QĐ"),
    ("ke-hoach", "KH"),
    ("ket-luan", "KL"),
    ("thong-bao", "TB"),
    ("huong-dan", "HD"),
    ("cong-van", "CV"),
]


def articles(tenant, count: int, start: int = 0) -> list[NewsArticlePage]:
    first = datetime(2020, 1, 1, 7, 30, tzinfo=HCM)
    pages = []
    for n in range(start, start + count):
        action, topic, place = ACTIONS[n % 8], TOPICS[(n // 8) % 10], PLACES[(n // 80) % 7]
        title = f"{action} {topic} tại {place} ({n + 1})"
        pages.append(
            NewsArticlePage(
                title=title,
                slug=f"tin-{n + 1}",
                lead=f"{tenant.name}: {action.lower()} {topic} tại {place}.",
                published_at=first + timedelta(hours=7 * n),
                body=[
                    (
                        "paragraph",
                        f"<p>Thực hiện kế hoạch của Ban Thường vụ, {tenant.name} tổ chức {action.lower()} "
                        f"{topic} tại {place}, gắn với phong trào thi đua «Dân vận khéo».</p>",
                    )
                ],
            )
        )
    return pages


def directives(tenant, count: int, start: int = 0) -> list[DirectivePage]:
    issuer, _ = IssuingBody.objects.get_or_create(
        tenant=tenant, name="Ban Thường vụ Tỉnh ủy", defaults={"symbol": "TU"}
    )
    pages, kinds = [], cycle(DIRECTIVE_TYPES)
    for n in range(start, start + count):
        kind, symbol = next(kinds)
        year = 2010 + n % 16
        number = 1000 + n // 16  # unique per issuer and year
        topic = TOPICS[n % 10]
        pages.append(
            DirectivePage(
                title=f"Văn bản {number}-{symbol}/TU về {topic}",
                slug=f"vb-{n + 1}",
                document_type=kind,
                number_symbol=f"{number}-{symbol}/TU",
                issuer=issuer,
                issue_date=date(year, 1 + n % 12, 1 + n % 28),
                status="in-force" if n % 5 else "expired",
                signer="Bí thư Tỉnh ủy",
                summary=f"Về tăng cường {topic} trong cơ quan hành chính nhà nước, chính quyền các cấp ({n + 1})",
            )
        )
    return pages
