"""Site history for a province: each row names its portal, and a filter narrows the
report to one portal (never to another province's, whose rows stay out)."""

from django.urls import reverse
from wagtail.log_actions import log

from core.models import NewsArticlePage, NewsCategory
from tenants.provisioning import TenantSpec, provision_tenant
from tenants.roles import Role
from tests.factories import member


def edit(tenant, title, user):
    article = NewsArticlePage.objects.descendant_of(tenant.site.root_page).live().first()
    article.title = title
    article.save_revision(user=user, log_action=True).publish(user=user)


def test_rows_name_their_portal_and_the_report_filters_by_portal(client, demo_province):
    province, dateh, cattien = demo_province
    other = provision_tenant(TenantSpec(name="Khánh Hòa", slug="khanhhoa", hostname="khanhhoa.test")).tenant
    admin = member(province, Role.PROVINCIAL_ADMIN, "tinh.nhatky")
    edit(dateh, "Đạ Tẻh sửa tin NHATKY-DATEH", admin)
    edit(cattien, "Cát Tiên sửa tin NHATKY-CATTIEN", admin)
    theirs = NewsCategory.objects.create(tenant=other, name="Chuyên mục NHATKY-KHANHHOA", slug="nhatky")
    log(theirs, "wagtail.create", user=member(other, Role.PROVINCIAL_ADMIN, "kh.nhatky"))
    category = NewsCategory.objects.create(tenant=cattien, name="Chuyên mục NHATKY-SNIPPET", slug="nhatky")
    log(category, "wagtail.create", user=admin)

    client.force_login(admin)
    url = reverse("wagtailadmin_reports:site_history_results")
    everything = client.get(url, HTTP_HOST="lamdong.test").content.decode()
    assert "NHATKY-DATEH" in everything and "NHATKY-CATTIEN" in everything and "NHATKY-SNIPPET" in everything
    assert "NHATKY-KHANHHOA" not in everything
    assert (
        "<td>\n                        Đạ Tẻh\n" in everything
        and "<td>\n                        Cát Tiên\n" in everything
    )

    only = client.get(url, {"portal": "cattien"}, HTTP_HOST="lamdong.test").content.decode()
    assert "NHATKY-CATTIEN" in only and "NHATKY-SNIPPET" in only and "NHATKY-DATEH" not in only
    foreign = client.get(url, {"portal": "khanhhoa"}, HTTP_HOST="lamdong.test").content.decode()
    assert "NHATKY-KHANHHOA" not in foreign

    report = client.get(reverse("wagtailadmin_reports:site_history"), HTTP_HOST="lamdong.test").content.decode()
    assert 'name="portal"' in report and "Khánh Hòa" not in report


def test_a_district_sees_its_own_rows_with_no_portal_filter(client, demo_province):
    _province, dateh, cattien = demo_province
    moderator = member(dateh, Role.MODERATOR, "dateh.nhatky")
    edit(dateh, "Đạ Tẻh sửa tin NHATKY-RIENG", moderator)
    edit(cattien, "Cát Tiên sửa tin NHATKY-KHAC", member(cattien, Role.MODERATOR, "cattien.nhatky"))
    client.force_login(moderator)
    report = client.get(reverse("wagtailadmin_reports:site_history"), HTTP_HOST="dateh.test").content.decode()
    assert "NHATKY-RIENG" in report and "NHATKY-KHAC" not in report
    assert 'name="portal"' not in report
