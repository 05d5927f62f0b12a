"""«Thông tin này có hữu ích không?» under each page: answered once per reader, page
and day; only from the portal's own pages and only about its own live pages; shown in
that portal's statistics and no other's."""

import re

import pytest

from analytics.models import PageUsefulness
from core.models import SupervisionReportPage
from tenants.roles import Role
from tests.analytics.conftest import BROWSERS
from tests.factories import member

ARTICLE = "/tin-tuc/giam-sat-chi-thi-24-ct-tu/"


@pytest.fixture
def report(demo_province):
    return SupervisionReportPage.objects.get(slug="giam-sat-chi-thi-24-ct-tu")


def answer(client, host, page_id, reply="co", browser=BROWSERS[0], origin=None, **headers):
    address, agent = browser
    return client.post(
        "/huu-ich/",
        {"trang": page_id, "tra-loi": reply, "ngon-ngu": "vi"},
        HTTP_HOST=host,
        HTTP_ORIGIN=origin if origin is not None else f"http://{host}",
        REMOTE_ADDR=address,
        HTTP_USER_AGENT=agent,
        **headers,
    )


def counts(page_id):
    rows = PageUsefulness.objects.filter(page_id=page_id)
    return sum(r.useful for r in rows), sum(r.not_useful for r in rows)


def test_every_page_but_the_home_asks_and_the_form_names_the_page(client, report):
    html = client.get(ARTICLE, HTTP_HOST="dateh.test").content.decode()
    form = re.search(r'<form class="usefulness" method="post" action="/huu-ich/">(.*?)</form>', html, re.S).group(1)
    assert f'name="trang" value="{report.pk}"' in form and "Thông tin này có hữu ích không?" in form
    assert "csrfmiddlewaretoken" not in form  # the page is shared by every reader through the cache
    assert 'class="usefulness"' not in client.get("/", HTTP_HOST="dateh.test").content.decode()


def test_one_answer_per_reader_page_and_day(client, report):
    first = answer(client, "dateh.test", report.pk, "co")
    assert first.status_code == 200 and "Cảm ơn bạn đã cho biết" in first.content.decode()
    assert ARTICLE in first.content.decode()  # the thank-you page links back
    again = answer(client, "dateh.test", report.pk, "khong", HTTP_ACCEPT="application/json")
    assert again.status_code == 200 and "Cảm ơn" in again.json()["message"]
    answer(client, "dateh.test", report.pk, "khong", browser=BROWSERS[1])
    answer(client, "dateh.test", report.pk, "co", browser=BROWSERS[2])
    assert counts(report.pk) == (2, 1)


def test_only_from_this_portals_pages_about_this_portals_pages(client, report):
    # Đạ Tẻh's page answered through Cát Tiên's host: refused, nothing counted.
    foreign = answer(client, "cattien.test", report.pk)
    assert foreign.status_code == 400 and "hãy bấm «Có» hoặc «Không»" in foreign.content.decode()
    # A post forged on another site, or with no origin at all.
    assert answer(client, "dateh.test", report.pk, origin="https://evil.example").status_code == 403
    assert answer(client, "dateh.test", report.pk, origin="").status_code == 403
    # Junk: no such answer, no such page, not a number.
    for page_id, reply in ((report.pk, "maybe"), (999999, "co"), ("1 OR 1=1", "co"), ("", "")):
        assert answer(client, "dateh.test", page_id, reply).status_code == 400
    assert counts(report.pk) == (0, 0)
    # A draft is not a page readers can answer about.
    report.unpublish()
    assert answer(client, "dateh.test", report.pk).status_code == 400


def test_an_address_answering_too_often_is_held_back(client, report):
    for n in range(30):
        agent = (BROWSERS[0][0], f"Mozilla/5.0 (X11; Linux x86_64) Firefox/{100 + n}.0")
        assert answer(client, "dateh.test", report.pk, browser=agent).status_code == 200
    held = answer(client, "dateh.test", report.pk, browser=(BROWSERS[0][0], "Mozilla/5.0 Firefox/999.0"))
    assert held.status_code == 429 and "quá nhiều" in held.content.decode()
    assert counts(report.pk) == (30, 0)


def test_the_answers_are_in_that_portals_statistics_only(client, report, demo_province):
    _province, dateh, cattien = demo_province
    answer(client, "dateh.test", report.pk, "co")
    answer(client, "dateh.test", report.pk, "khong", browser=BROWSERS[1])
    client.force_login(member(dateh, Role.MODERATOR, "dateh.kd.huuich"))
    html = client.get("/admin/thong-ke/cong/dateh/", HTTP_HOST="dateh.test").content.decode()
    section = html.split("Thông tin có hữu ích không?")[1]
    assert report.title in section and "<td>50%</td>" in section
    client.force_login(member(cattien, Role.MODERATOR, "cattien.kd.huuich"))
    theirs = client.get("/admin/thong-ke/cong/cattien/", HTTP_HOST="cattien.test").content.decode()
    assert report.title not in theirs and "Chưa có câu trả lời nào" in theirs
