"""Merging portals (the 2025 reform): Cát Tiên and Đạ Huoai into Đạ Tẻh. Their pages
move, every old address still answers (301 to the same or the renamed page), their
visits add up in Đạ Tẻh's figures, their people keep their roles; a dry run changes
nothing; a portal of another province is refused."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page

from analytics.floors import sql_floors
from analytics.models import PortalDayStats, VisitBaseline
from core.models import NewsArticlePage, NewsIndexPage
from tenants.models import Tenant, TenantAlias
from tenants.provisioning import TenantSpec, provision_tenant
from tenants.roles import Role
from tests.analytics.conftest import box
from tests.factories import member, news_article


@pytest.fixture
def three(demo_province):
    """Đạ Tẻh and Cát Tiên from the demo, and Đạ Huoai with an article whose address
    Đạ Tẻh also uses."""
    from datetime import date

    province, dateh, cattien = demo_province
    dahuoai = provision_tenant(
        TenantSpec(
            name="Đạ Huoai", slug="dahuoai", hostname="dahuoai.test", parent="lamdong", aliases=["www.dahuoai.test"]
        )
    ).tenant
    news = NewsIndexPage.objects.child_of(dahuoai.home_page).get()
    news_article(
        news,
        "Đạ Huoai: Hội nghị sơ kết công tác dân vận 6 tháng đầu năm",
        slug="hoi-nghi-so-ket-cong-tac-dan-van-6-thang-dau-nam",
    )
    news_article(news, "Đạ Huoai đón nhận huân chương", slug="don-nhan-huan-chuong")
    for tenant, visits in ((dateh, 100), (cattien, 20), (dahuoai, 3)):
        PortalDayStats.objects.create(
            tenant=tenant, day=date(2026, 11, 2), page_views=visits * 2, visits=visits, unique_visitors=visits
        )
    VisitBaseline.objects.update_or_create(tenant=cattien, defaults={"total": 1000})
    member(dahuoai, Role.MODERATOR, "dahuoai.kd")
    return province, dateh, cattien, dahuoai


def snapshot():
    return (
        sorted(Tenant.objects.values_list("slug", flat=True)),
        sorted(Page.objects.values_list("url_path", flat=True)),
        sorted(TenantAlias.objects.values_list("hostname", flat=True)),
        sorted(PortalDayStats.objects.values_list("tenant__slug", "visits")),
    )


def test_a_dry_run_reports_and_changes_nothing(three, capsys):
    before = snapshot()
    call_command("merge_portals", "dateh", "cattien", "dahuoai", "--dry-run")
    out = capsys.readouterr().out
    assert "Cát Tiên → Đạ Tẻh" in out and "Đạ Huoai → Đạ Tẻh" in out and "Chạy thử: chưa thay đổi gì." in out
    assert (
        "/tin-tuc/hoi-nghi-so-ket-cong-tac-dan-van-6-thang-dau-nam/ → /tin-tuc/hoi-nghi-so-ket-cong-tac-dan-van-6-thang-dau-nam-cattien/"
        in out
    )
    assert snapshot() == before


def test_three_portals_become_one_and_every_old_address_answers(
    three, client, capsys, django_capture_on_commit_callbacks
):
    _province, dateh, cattien, dahuoai = three
    dateh_total = sql_floors(dateh.pk)["t"]
    expected = dateh_total + sql_floors(cattien.pk)["t"] + sql_floors(dahuoai.pk)["t"]
    cattien_articles = NewsArticlePage.objects.descendant_of(cattien.home_page).count()
    client.get("/", HTTP_HOST="dateh.test")  # Đạ Tẻh's live counters seeded before the merge
    with django_capture_on_commit_callbacks(execute=True):
        call_command("merge_portals", "dateh", "cattien", "dahuoai")
    assert "Đổi đường dẫn" in capsys.readouterr().out

    assert set(Tenant.objects.values_list("slug", flat=True)) == {"lamdong", "dateh"}
    dateh.refresh_from_db()
    news = NewsIndexPage.objects.child_of(dateh.home_page).get()
    titles = set(NewsArticlePage.objects.child_of(news).values_list("title", flat=True))
    assert "Đạ Huoai đón nhận huân chương" in titles and len(titles) >= cattien_articles + 3

    # Old hostnames: 301 to the same path on Đạ Tẻh ...
    moved = client.get("/tin-tuc/don-nhan-huan-chuong/", HTTP_HOST="dahuoai.test")
    assert moved.status_code == 301 and moved["Location"] == "http://dateh.test/tin-tuc/don-nhan-huan-chuong/"
    assert client.get(moved["Location"], HTTP_HOST="dateh.test").status_code == 200
    assert client.get("/", HTTP_HOST="www.dahuoai.test")["Location"] == "http://dateh.test/"
    # ... and on from an address Đạ Tẻh already used to the renamed page.
    same = "/tin-tuc/hoi-nghi-so-ket-cong-tac-dan-van-6-thang-dau-nam/"
    first = client.get(same, HTTP_HOST="cattien.test")
    assert first.status_code == 301 and first["Location"] == f"http://dateh.test{same}"
    assert "Đạ Tẻh:" in client.get(same, HTTP_HOST="dateh.test").content.decode()  # Đạ Tẻh's own article stays
    renamed = "/tin-tuc/hoi-nghi-so-ket-cong-tac-dan-van-6-thang-dau-nam-cattien/"
    page = client.get(renamed, HTTP_HOST="dateh.test")
    assert page.status_code == 200 and "Cát Tiên:" in page.content.decode()

    # Visits add up, in SQL and in the public box; the people keep their roles on Đạ Tẻh.
    assert sql_floors(dateh.pk)["t"] == expected
    shown = box(client.get("/", HTTP_HOST="dateh.test").content.decode())["total"]
    assert int(shown.replace(".", "")) >= expected
    moderator = get_user_model().objects.get(username="dahuoai.kd")
    assert moderator.groups.filter(tenant_role__tenant=dateh, tenant_role__role=Role.MODERATOR).exists()


def test_bad_merges_are_refused_and_lose_nothing(three):
    before = snapshot()
    provision_tenant(TenantSpec(name="Khánh Hòa", slug="khanhhoa", hostname="khanhhoa.test"))
    provision_tenant(TenantSpec(name="Cam Lâm", slug="camlam", hostname="camlam.test", parent="khanhhoa"))
    for args, reason in (
        (("dateh", "camlam"), "không cùng tỉnh"),
        (("dateh", "dateh"), "chính nó"),
        (("dateh", "khongco"), "khongco"),
        (("dateh", "lamdong"), "cấp tỉnh"),
    ):
        with pytest.raises(CommandError, match=reason):
            call_command("merge_portals", *args)
    after = snapshot()
    assert [s for s in after[0] if s not in ("khanhhoa", "camlam")] == before[0]


def test_the_portals_screen_lists_renames_previews_and_merges(three, client):
    _province, dateh, cattien, dahuoai = three
    admin = member(three[0], Role.PROVINCIAL_ADMIN, "lamdong.qt.cong")
    client.force_login(admin)
    listing = client.get("/admin/cong-thong-tin/", HTTP_HOST="lamdong.test").content.decode()
    assert "Đạ Huoai" in listing and "www.dahuoai.test" in listing and "Sáp nhập cổng" in listing

    edit = "/admin/cong-thong-tin/dahuoai/sua/"
    taken = client.post(
        edit, {"name": "Đạ Huoai", "aliases": "www.dateh.test", "is_active": "on"}, HTTP_HOST="lamdong.test"
    )
    assert taken.status_code == 400 and "đã được cổng «Đạ Tẻh»" in taken.content.decode()
    renamed = client.post(
        edit, {"name": "Xã Đạ Huoai", "aliases": "dahuoai.lamdong.test", "is_active": "on"}, HTTP_HOST="lamdong.test"
    )
    assert renamed.status_code == 302
    assert set(TenantAlias.objects.filter(tenant=dahuoai).values_list("hostname", flat=True)) == {
        "dahuoai.lamdong.test"
    }

    # Another province's portal, by id in the form: not a choice, nothing merged.
    provision_tenant(TenantSpec(name="Khánh Hòa", slug="khanhhoa", hostname="khanhhoa.test"))
    camlam = provision_tenant(
        TenantSpec(name="Cam Lâm", slug="camlam", hostname="camlam.test", parent="khanhhoa")
    ).tenant
    foreign = {"target": dateh.pk, "sources": [camlam.pk], "confirm": "1"}
    assert client.post("/admin/cong-thong-tin/sap-nhap/", foreign, HTTP_HOST="lamdong.test").status_code == 400
    assert Tenant.objects.filter(pk=camlam.pk).exists()
    assert client.get("/admin/cong-thong-tin/camlam/sua/", HTTP_HOST="lamdong.test").status_code == 404
    assert "Cam Lâm" not in client.get("/admin/cong-thong-tin/", HTTP_HOST="lamdong.test").content.decode()

    form = {"target": dateh.pk, "sources": [cattien.pk, dahuoai.pk]}
    preview = client.post("/admin/cong-thong-tin/sap-nhap/", form, HTTP_HOST="lamdong.test")
    html = preview.content.decode()
    assert preview.status_code == 200 and "Cát Tiên → Đạ Tẻh" in html and 'name="confirm"' in html
    assert Tenant.objects.filter(slug="cattien").exists()  # nothing done yet
    done = client.post("/admin/cong-thong-tin/sap-nhap/", {**form, "confirm": "1"}, HTTP_HOST="lamdong.test")
    assert done.status_code == 302 and not Tenant.objects.filter(slug__in=["cattien", "dahuoai"]).exists()


def test_a_district_moderator_has_no_portals_screen(three, client):
    _province, dateh, _cattien, _dahuoai = three
    client.force_login(member(dateh, Role.MODERATOR, "dateh.kd.cong"))
    for url in ("/admin/cong-thong-tin/", "/admin/cong-thong-tin/sap-nhap/", "/admin/cong-thong-tin/cattien/sua/"):
        refused = client.get(url, HTTP_HOST="dateh.test")
        # Wagtail answers «no permission» by sending back to the dashboard.
        assert refused.status_code in (403, 404) or refused["Location"] == "/admin/"
        assert "Cát Tiên" not in refused.content.decode()


def test_every_model_that_points_at_a_portal_has_a_merge_rule():
    from django.apps import apps

    from analytics import merging as analytics_rules
    from citizens import merging as citizens_rules
    from core import merging as core_rules
    from tenants import merging as tenants_rules

    handled = {**tenants_rules.HANDLED, **analytics_rules.HANDLED, **core_rules.HANDLED, **citizens_rules.HANDLED}

    pointing = {
        model._meta.label
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if getattr(field, "related_model", None) is Tenant
        and field.concrete
        and (field.many_to_one or field.one_to_one)
    }
    assert pointing - set(handled) == set(), "no merging.py says what happens to these rows"
    assert set(handled) - pointing == set(), "a merging.py lists models that no longer point at a portal"
