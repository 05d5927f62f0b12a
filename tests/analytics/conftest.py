import pytest

from tests.core.test_page_cache import wsgi_get

BROWSERS = [
    ("203.0.113.10", "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"),
    (
        "203.0.113.11",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Version/17.1 Mobile Safari/604.1",
    ),
    ("198.51.100.7", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0"),
]
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def visit(host, path, browser=BROWSERS[0], method="GET", extra=None):
    address, agent = browser
    return wsgi_get(
        host, path, method=method, extra={"REMOTE_ADDR": address, "HTTP_USER_AGENT": agent, **(extra or {})}
    )


def views_shown(html: str) -> int:
    return int(html.split("Lượt xem: ")[1].split("<")[0].replace(".", ""))


def box(html: str) -> dict:
    section = html.split('class="stats-box"')[1].split("</section>")[0]
    total = section.split('class="stats-total">')[1].split("</span>")[1].split("<")[0]

    def after(label):
        return int(section.split(f"{label}: ")[1].split("<")[0].replace(".", ""))

    return {
        "total": total,
        "online": after("Đang online"),
        "week": after("Trong tuần"),
        "month": after("Trong tháng"),
        "year": after("Trong năm"),
    }


@pytest.fixture
def portals(demo_province, django_capture_on_commit_callbacks):
    from analytics import visitors

    visitors._salts.clear()  # the salt cached here came from an earlier test's rolled-back row
    return demo_province
