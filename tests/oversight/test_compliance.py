"""The compliance checklist (core.compliance): computed from the content, flipping as
it changes; a province sees its portals and no other province's; a district its own;
a fixed number of queries however many portals there are."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from citizens.models import Question
from core.compliance import compliance
from core.demo_content.english import translate_portal
from core.models import NewsArticlePage, OfficialContact, OrganisationPage
from tenants.provisioning import TenantSpec, provision_tenant
from tenants.roles import Role
from tests.factories import member
from themes.models import ThemeSettings


def checks(tenant) -> dict[str, bool]:
    (row,) = compliance([tenant])
    return {check.key: check.passed for check in row.checks}


@pytest.fixture
def other_province(db):
    return provision_tenant(TenantSpec(name="Khánh Hòa", slug="khanhhoa", hostname="khanhhoa.test")).tenant


def test_items_follow_the_content_as_it_changes(demo_province):
    _province, dateh, _cattien = demo_province
    before = checks(dateh)
    assert before["news"] and before["documents"] and before["organisation"] and before["fresh"]

    # Leaders: an official with name, position and a way to reach them.
    organisation = OrganisationPage.objects.live().descendant_of(dateh.site.root_page).get(locale__language_code="vi")
    OfficialContact.objects.filter(page=organisation).delete()
    assert not checks(dateh)["leaders"]
    OfficialContact.objects.create(
        page=organisation, name="Nguyễn Văn A", position="Bí thư Huyện ủy", phone="0263 3880 123"
    )
    assert checks(dateh)["leaders"]

    # The footer: the governing body and the person responsible; contacts.
    look, _ = ThemeSettings.objects.get_or_create(site=dateh.site)
    look.licence_line, look.footer_address, look.footer_phone, look.footer_email = "", "", "", ""
    look.responsible_person = ""
    look.save()
    assert not checks(dateh)["responsible"] and not checks(dateh)["contacts"]
    look.licence_line = "Cơ quan chủ quản: Huyện ủy Đạ Tẻh"
    look.footer_address, look.footer_phone = "Thị trấn Đạ Tẻh", "0263 3880 123"
    look.save()
    assert not checks(dateh)["responsible"] and checks(dateh)["contacts"]  # nobody named yet
    look.responsible_person = "Ông Nguyễn Văn A, Chánh Văn phòng Huyện ủy"
    look.save()
    assert checks(dateh)["responsible"]

    # A citizen's question left unanswered past the deadline.
    question = Question.objects.create(
        tenant=dateh, topic=Question._meta.get_field("topic").choices[0][0], question="?"
    )
    assert checks(dateh)["questions"]
    Question.objects.filter(pk=question.pk).update(created_at=timezone.now() - timedelta(days=20))
    assert not checks(dateh)["questions"]

    # No published article: the news section does not count.
    for article in NewsArticlePage.objects.live().descendant_of(dateh.site.root_page):
        article.unpublish()
    assert not checks(dateh)["news"]


def test_the_english_organisation_page_counts_only_when_live(demo_province):
    _province, dateh, _cattien = demo_province
    assert not checks(dateh)["english"]
    translate_portal(dateh)  # as seed_demo does, through wagtail-localize
    organisation = OrganisationPage.objects.descendant_of(dateh.site.root_page).get(locale__language_code="vi")
    english = OrganisationPage.objects.get(translation_key=organisation.translation_key, locale__language_code="en")
    assert not checks(dateh)["english"] or english.live  # a draft translation does not count
    english.save_revision().publish()
    assert checks(dateh)["english"]
    english.refresh_from_db()  # publish() saved a copy made from the revision
    english.unpublish()
    assert not checks(dateh)["english"]


def test_each_person_sees_the_checklists_of_their_own_portals(client, demo_province, other_province):
    province, dateh, cattien = demo_province
    client.force_login(member(province, Role.PROVINCIAL_ADMIN, "tinh.tuanthu"))
    page = client.get("/admin/tuan-thu/", HTTP_HOST="lamdong.test").content.decode()
    assert "Đạ Tẻh" in page and "Cát Tiên" in page and "Khánh Hòa" not in page
    assert client.get("/admin/tuan-thu/khanhhoa/", HTTP_HOST="lamdong.test").status_code == 404
    home = client.get("/admin/", HTTP_HOST="lamdong.test").content.decode()
    assert "/admin/tuan-thu/cattien/" in home  # the score on the network dashboard

    client.force_login(member(dateh, Role.MODERATOR, "dateh.tuanthu"))
    page = client.get("/admin/tuan-thu/", HTTP_HOST="dateh.test").content.decode()
    assert "Đạ Tẻh" in page and "Cát Tiên" not in page
    assert client.get("/admin/tuan-thu/dateh/", HTTP_HOST="dateh.test").status_code == 200
    assert client.get(f"/admin/tuan-thu/{cattien.slug}/", HTTP_HOST="dateh.test").status_code == 404


def test_the_checklist_costs_the_same_queries_for_more_portals(demo_province):
    province, dateh, cattien = demo_province
    compliance([province, dateh, cattien])
    with CaptureQueriesContext(connection) as few:
        compliance([province, dateh, cattien])
    for n in range(4):
        provision_tenant(
            TenantSpec(name=f"Xã {n}", slug=f"xa{n}", hostname=f"xa{n}.test", level="district", parent=province.slug)
        )
    from tenants.models import Tenant

    everyone = list(Tenant.objects.select_related("site"))
    compliance(everyone)  # the portal map reloads once after the new portals
    with CaptureQueriesContext(connection) as more:
        compliance(everyone)
    assert len(more) == len(few)


def _grouped_live_kinds():
    from django.db import connection

    from core import compliance as module

    vendor = connection.vendor
    connection.vendor = "grouped"  # any other database: the grouped query
    try:
        return module._live_kinds()
    finally:
        connection.vendor = vendor


def test_the_index_probes_give_the_grouped_answers(demo_province, other_province):
    """The index probes per portal home (issue 17) answer what grouping every live page
    answered: when each portal last published and which kinds of page it has live, for
    everyone and in a district editor's scope (their portal and the province they read
    from, no other)."""
    from core.compliance import _latest_publish_grouped, _live_kinds, latest_publish
    from tenants.scope_context import scoped
    from tenants.visibility import scope_for

    _province, dateh, cattien = demo_province
    article = NewsArticlePage.objects.live().descendant_of(cattien.site.root_page).first()
    article.last_published_at = timezone.now() + timedelta(minutes=5)
    article.save(update_fields=["last_published_at"])
    NewsArticlePage.objects.descendant_of(dateh.site.root_page).update(live=False)
    assert latest_publish() == _latest_publish_grouped()
    assert latest_publish()[cattien.pk] == article.last_published_at
    assert _live_kinds() == _grouped_live_kinds()
    assert "news" in _live_kinds()[cattien.pk] and "news" not in _live_kinds()[dateh.pk]
    editor = member(dateh, Role.EDITOR, "latest.editor")
    with scoped(scope_for(editor)):
        found, kinds = latest_publish(), _live_kinds()
        assert found == _latest_publish_grouped()
        assert kinds == _grouped_live_kinds()
    assert dateh.pk in found and cattien.pk not in found and other_province.pk not in found
    assert dateh.pk in kinds and cattien.pk not in kinds and other_province.pk not in kinds
