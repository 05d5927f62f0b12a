"""District editors can open the editor of every page type in their portal, and a
page translated through wagtail-localize stays in its portal."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale

from core.models import DirectivePage, HomePage, NewsIndexPage, SupervisionReportPage
from tenants.roles import Role


@pytest.fixture
def moderator(demo_province):
    _province, dateh, _ = demo_province
    user = get_user_model().objects.create_user("dateh.mod", password="x")
    user.groups.add(dateh.groups.get(role=Role.MODERATOR).group)
    return user


@pytest.fixture
def provincial_admin(demo_province):
    province, *_ = demo_province
    user = get_user_model().objects.create_user("tinh.admin", password="x")
    user.groups.add(province.groups.get(role=Role.PROVINCIAL_ADMIN).group)
    return user


@pytest.mark.parametrize(
    ("parent_model", "child"),
    [
        (NewsIndexPage, "newsarticlepage"),
        (NewsIndexPage, "supervisionreportpage"),
        (HomePage, "directiveindexpage"),
    ],
)
def test_moderator_opens_the_add_form_of_each_type(client, moderator, demo_province, parent_model, child):
    _province, dateh, _ = demo_province
    parent = parent_model.objects.descendant_of(dateh.site.root_page, inclusive=True).first()
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:add", args=["core", child, parent.pk])
    response = client.get(url, HTTP_HOST="dateh.test")
    assert response.status_code == 200, response.content[:500]


def test_only_one_organisation_page_per_portal(client, moderator, demo_province):
    _province, dateh, _ = demo_province
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:add", args=["core", "organisationpage", dateh.site.root_page_id])
    assert client.get(url, HTTP_HOST="dateh.test").status_code == 302  # Wagtail refuses: one exists


def test_moderator_opens_the_fixture_report_editor(client, moderator):
    report = SupervisionReportPage.objects.get(slug="giam-sat-chi-thi-24-ct-tu")
    client.force_login(moderator)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[report.pk]), HTTP_HOST="dateh.test")
    assert response.status_code == 200
    assert "893-QĐ/HU" in response.content.decode()


def test_provincial_admin_opens_directive_add_and_edit(client, provincial_admin, demo_province):
    _province, *_ = demo_province
    directive = DirectivePage.objects.get(number_key="24CTTU")
    client.force_login(provincial_admin)
    add = reverse("wagtailadmin_pages:add", args=["core", "directivepage", directive.get_parent().pk])
    assert client.get(add, HTTP_HOST="lamdong.test").status_code == 200
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[directive.pk]), HTTP_HOST="lamdong.test")
    assert edit.status_code == 200
    assert "24-CT/TU" in edit.content.decode()


def test_wagtail_localize_translation_stays_in_its_portal(client, demo_province):
    from wagtail_localize.models import TranslationSource

    from tenants.visibility import tenant_of_page

    english = Locale.objects.get(language_code="en")
    report = SupervisionReportPage.objects.get(slug="giam-sat-chi-thi-24-ct-tu")
    source, _ = TranslationSource.get_or_create_from_instance(report)
    # Untranslated segments fall back to Vietnamese until a translator fills them in.
    translated, _created = source.create_or_update_translation(english, copy_parent_pages=True, fallback=True)
    translated.save_revision().publish()  # translations start as drafts

    assert translated.locale == english
    assert tenant_of_page(translated).slug == "dateh"
    assert client.get(translated.url, HTTP_HOST="dateh.test").status_code == 200
    assert client.get(translated.url, HTTP_HOST="cattien.test").status_code == 404
