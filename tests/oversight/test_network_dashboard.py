"""The network dashboard on the admin's home: a provincial admin sees every portal of
their province (and nothing of another province), each with its publishing, its
moderation queue, its freshness and its visits; a district sees its own portal only."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from core.models import NewsArticlePage
from tenants.provisioning import TenantSpec, provision_tenant
from tenants.roles import Role
from tests.factories import member


@pytest.fixture
def network(demo_province):
    province, dateh, cattien = demo_province
    other = provision_tenant(TenantSpec(name="Khánh Hòa", slug="khanhhoa", hostname="khanhhoa.test")).tenant
    # Cát Tiên has not published for a month; Đạ Tẻh has a page waiting for moderation.
    Page.objects.descendant_of(cattien.site.root_page, inclusive=True).update(
        last_published_at=timezone.now() - timedelta(days=30)
    )
    editor = member(dateh, Role.EDITOR, "dateh.mang")
    article = NewsArticlePage.objects.descendant_of(dateh.site.root_page).first()
    article.save_revision(user=editor)
    article.get_workflow().start(article, editor)
    return province, dateh, cattien, other


def rows_of(response):
    return {row.tenant.slug: row for row in response.context["rows"]}


def test_a_provincial_admin_sees_every_portal_of_the_province_and_no_other(client, network):
    province, _dateh, _cattien, _other = network
    client.force_login(member(province, Role.PROVINCIAL_ADMIN, "tinh.mang"))
    home = client.get("/admin/", HTTP_HOST="lamdong.test")
    html = home.content.decode()
    assert "Các cổng trong mạng lưới" in html and "Khánh Hòa" not in html
    panel = next(p for p in home.context["panels"] if getattr(p, "name", "") == "network")
    rows = {row.tenant.slug: row for row in panel.get_context_data()["rows"]}
    assert set(rows) == {"lamdong", "dateh", "cattien"}
    assert rows["dateh"].waiting == 1 and rows["dateh"].oldest_wait_days == 0
    assert rows["cattien"].stale and not rows["dateh"].stale
    assert rows["dateh"].published_30 > 0


def test_filters_sorting_and_csv(client, network):
    province, *_ = network
    client.force_login(member(province, Role.PROVINCIAL_ADMIN, "tinh.loc"))
    html = client.get("/admin/", {"loc": "lau-chua-cap-nhat"}, HTTP_HOST="lamdong.test").content.decode()
    assert "Cát Tiên" in html and ">Đạ Tẻh</a>" not in html
    answer = client.get("/admin/mang-luoi/csv/", {"loc": "co-bai-cho-duyet"}, HTTP_HOST="lamdong.test")
    table = list(csv.reader(io.StringIO(answer.content.decode())))
    assert table[0][0] == "cong" and [row[0] for row in table[1:]] == ["Đạ Tẻh"]


def test_a_district_sees_its_own_portal_only(client, network):
    _province, dateh, _cattien, _other = network
    client.force_login(member(dateh, Role.MODERATOR, "dateh.kd.mang"))
    html = client.get("/admin/", HTTP_HOST="dateh.test").content.decode()
    assert "Hoạt động của cổng" in html and "Cát Tiên" not in html and "Lâm Đồng</a>" not in html
    table = client.get("/admin/mang-luoi/csv/", HTTP_HOST="dateh.test").content.decode()
    assert "Đạ Tẻh" in table and "Cát Tiên" not in table


def test_the_panel_costs_the_same_for_3_portals_or_10(client, network):
    province, *_ = network
    admin = member(province, Role.PROVINCIAL_ADMIN, "tinh.dem")

    def queries():
        client.force_login(admin)
        client.get("/admin/mang-luoi/csv/", HTTP_HOST="lamdong.test")
        with CaptureQueriesContext(connection) as captured:
            client.get("/admin/mang-luoi/csv/", HTTP_HOST="lamdong.test")
        return len(captured.captured_queries)

    few = queries()
    for number in range(7):
        provision_tenant(
            TenantSpec(name=f"Xã {number}", slug=f"xa{number}", hostname=f"xa{number}.test", parent="lamdong")
        )
    assert queries() == few
