"""Statistics in the admin: a district sees only its own; the province sees all."""

import pytest
from django.core.management import call_command

from tenants.roles import Role
from tests.analytics.conftest import BROWSERS, visit
from tests.factories import member

ARTICLE = "/tin-tuc/giam-sat-chi-thi-24-ct-tu/"


@pytest.fixture
def counted(portals):
    for browser in BROWSERS:
        visit("dateh.test", ARTICLE, browser)
    visit("cattien.test", "/", BROWSERS[0])
    call_command("flush_analytics")
    return portals


def test_district_report_shows_chart_top_pages_and_csv(client, counted):
    _province, dateh, _ = counted
    client.force_login(member(dateh, Role.EDITOR, "dateh.bt"))
    html = client.get("/admin/thong-ke/cong/dateh/", HTTP_HOST="dateh.test").content.decode()
    assert "<svg" in html and "3 lượt xem" in html
    assert "Giám sát Chỉ thị 24-CT/TU" in html
    csv = client.get("/admin/thong-ke/cong/dateh/", {"dinh-dang": "csv"}, HTTP_HOST="dateh.test")
    assert csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode().splitlines()[0] == "ngay,luot_xem,luot_truy_cap,khach_duy_nhat"
    assert ",3,3,3" in csv.content.decode()


def test_a_district_never_sees_another_districts_figures(client, counted):
    _province, dateh, _cattien = counted
    client.force_login(member(dateh, Role.MODERATOR, "dateh.kd"))
    # Another district does not exist for Đạ Tẻh; its province does, but is not Đạ Tẻh's
    # to read (Wagtail answers that refusal by sending the user back to the dashboard).
    assert client.get("/admin/thong-ke/cong/cattien/", HTTP_HOST="dateh.test").status_code == 404
    refused = client.get("/admin/thong-ke/tinh/lamdong/", HTTP_HOST="dateh.test")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    for url in ("/admin/thong-ke/cong/cattien/", "/admin/thong-ke/tinh/lamdong/"):
        followed = client.get(url, HTTP_HOST="dateh.test", follow=True).content.decode()
        assert "Thống kê truy cập: Cát Tiên" not in followed and "Bảng điều khiển tỉnh" not in followed
        assert 'aria-label="Lượt xem (cột)' not in followed
    index = client.get("/admin/thong-ke/", HTTP_HOST="dateh.test")
    assert index.status_code == 302 and index["Location"].endswith("/admin/thong-ke/cong/dateh/")


def test_provincial_dashboard_compares_every_district(client, counted):
    province, *_ = counted
    client.force_login(member(province, Role.PROVINCIAL_ADMIN, "tinh.qt"))
    html = client.get("/admin/thong-ke/tinh/lamdong/", HTTP_HOST="lamdong.test").content.decode()
    assert "Đạ Tẻh" in html and "Cát Tiên" in html
    assert "Toàn tỉnh: 4 lượt truy cập tuần này" in html
    assert "Giám sát Chỉ thị 24-CT/TU" in html  # most read across districts
    assert client.get("/admin/thong-ke/cong/cattien/", HTTP_HOST="lamdong.test").status_code == 200


def test_figures_are_written_with_vietnamese_thousand_separators(client, counted):
    _province, dateh, _ = counted
    call_command("set_visit_baseline", "--tenant", "dateh", "--total", "2587620")
    client.force_login(member(dateh, Role.EDITOR, "dateh.so"))
    html = client.get("/admin/thong-ke/cong/dateh/", HTTP_HOST="dateh.test").content.decode()
    assert "2.587.62" in html  # 2.587.620 and the visits since, grouped the Vietnamese way


def test_the_province_page_the_district_report_and_the_public_box_agree(client, counted):
    """The same portal, the same period, the same figure, wherever it is read."""
    import re

    province, _dateh, _cattien = counted
    call_command(
        "set_visit_baseline",
        "--tenant",
        "dateh",
        "--total",
        "2587620",
        "--week",
        "3950",
        "--month",
        "9000",
        "--year",
        "80000",
    )
    visit("dateh.test", "/", BROWSERS[1])  # counted live, not yet flushed
    box = client.get("/", HTTP_HOST="dateh.test").content.decode()
    public_week = re.search(r"Trong tuần: ([\d.]+)", box).group(1)

    admin = member(province, Role.PROVINCIAL_ADMIN, "tinh.so")
    client.force_login(admin)
    report = client.get("/admin/thong-ke/cong/dateh/", HTTP_HOST="lamdong.test").content.decode()
    dashboard = client.get("/admin/thong-ke/tinh/lamdong/", HTTP_HOST="lamdong.test")
    rows = {row["tenant"].slug: row for row in dashboard.context["rows"]}
    assert public_week == f"{rows['dateh']['week']:,}".replace(",", ".")
    assert f"<dt>Trong tuần</dt><dd>{public_week}</dd>" in report
    # The province has its row, and the total is the sum of the rows.
    assert "lamdong" in rows
    assert dashboard.context["week_total"] == sum(row["week"] for row in rows.values())


def test_each_portals_top_page_comes_from_one_query(demo_province):
    """The province's comparison names each portal's most-read page with one query for
    all portals (it asked once per portal): the same page top_pages() names, ties
    broken the same way."""
    from datetime import date

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page

    from analytics.models import PageDayViews
    from analytics.reports import top_page_by_portal, top_pages

    portals = list(demo_province)
    pages = list(Page.objects.filter(depth__gt=2).values_list("pk", flat=True)[:4])
    views = {0: [(pages[0], 5), (pages[1], 9)], 1: [(pages[2], 3), (pages[3], 3)], 2: []}
    for position, counts in views.items():
        for page_id, n in counts:
            for day in (date(2026, 3, 1), date(2026, 3, 2)):
                PageDayViews.objects.create(tenant=portals[position], page_id=page_id, day=day, views=n)
    ids = [portal.pk for portal in portals]
    start, end = date(2026, 3, 1), date(2026, 3, 31)
    with CaptureQueriesContext(connection) as captured:
        tops = top_page_by_portal(ids, start, end)
    assert len(captured.captured_queries) == 2  # the ranking, and the pages' titles
    for tenant_id in ids:
        expected = top_pages([tenant_id], start, end, limit=1)
        assert tops.get(tenant_id) == (expected[0] if expected else None)
    assert tops[ids[0]]["page_id"] == pages[1] and tops[ids[0]]["views"] == 18
    assert tops[ids[1]]["page_id"] == min(pages[2], pages[3])
