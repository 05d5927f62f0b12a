"""Each portal its own look: themes found first in the portal's theme folder, settings
edited by that portal's moderators, changes visible on the next request and nowhere
else. Đạ Tẻh (classic) and Cát Tiên (modern) are the two portals throughout."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tenants.roles import Role
from tests.core.test_page_cache import wsgi_get
from themes.models import ThemeSettings

from .conftest import settings_form

EMBLEM_MARK = 'class="portal-logo emblem"'


def page(client, host, path="/"):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


def root_colours(html):
    return re.search(r"<style>:root \{ (.*?) \}</style>", html).group(1)


def edit_url(tenant):
    return reverse("wagtailsettings:edit", args=["themes", "themesettings", tenant.site_id])


def test_each_portal_is_drawn_with_its_own_theme(client, demo_province):
    dateh_home, cattien_home = page(client, "dateh.test"), page(client, "cattien.test")
    assert 'class="theme-classic"' in dateh_home and "themes/classic/theme.css" in dateh_home
    assert 'class="theme-modern"' in cattien_home and "themes/modern/theme.css" in cattien_home
    # The modern theme replaces the mark beside the name (no national emblem); classic keeps it.
    # (The emblem may still be the tab's icon: only the mark in the header counts.)
    assert EMBLEM_MARK in dateh_home and EMBLEM_MARK not in cattien_home
    # What the modern theme does not override falls back to the default templates.
    for html in (dateh_home, cattien_home):
        assert 'class="latest-news"' in html and 'class="site-footer"' in html
    assert root_colours(dateh_home) == "--brand:#8e1b10;--accent:#ffd54f;"
    assert root_colours(cattien_home) == "--brand:#0b5394;--accent:#ffd966;"


def test_the_template_cache_never_hands_one_portal_another_portals_theme(client, demo_province):
    for _ in range(2):  # alternate, so a template cached for one portal is looked up by the other
        assert EMBLEM_MARK in page(client, "dateh.test")
        assert EMBLEM_MARK not in page(client, "cattien.test")


def test_a_moderator_changes_colours_and_slogan_and_only_that_portal_changes(
    client, demo_province, cattien_moderator, django_capture_on_commit_callbacks
):
    *_, cattien = demo_province
    for host in ("dateh.test", "cattien.test"):  # both portals' home pages cached
        wsgi_get(host, "/")
        assert wsgi_get(host, "/")[1]["X-Cache"] == "HIT"
    dateh_before = wsgi_get("dateh.test", "/")[2]

    client.force_login(cattien_moderator)
    settings = ThemeSettings.objects.get(site=cattien.site)
    data = settings_form(settings, brand_colour="#1b5e20", accent_colour="#ffe082", slogan="Cát Tiên xanh – sạch – đẹp")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(cattien), data, HTTP_HOST="cattien.test")
    assert response.status_code == 302, response.content.decode()[:2000]

    # The next reader gets the page as it was, at once; the one after, the new look.
    assert wsgi_get("cattien.test", "/")[1]["X-Cache"] == "STALE"
    _status, headers, html = wsgi_get("cattien.test", "/")
    assert headers["X-Cache"] == "HIT"
    assert root_colours(html) == "--brand:#1b5e20;--accent:#ffe082;"
    assert "Cát Tiên xanh – sạch – đẹp" in html
    _status, headers, body = wsgi_get("dateh.test", "/")
    assert headers["X-Cache"] == "HIT" and body == dateh_before  # untouched, still cached


def test_a_colour_too_faint_to_read_is_refused_with_the_reason(client, demo_province, cattien_moderator):
    _province, _dateh, cattien = demo_province
    client.force_login(cattien_moderator)
    settings = ThemeSettings.objects.get(site=cattien.site)
    response = client.post(edit_url(cattien), settings_form(settings, brand_colour="#ffcc00"), HTTP_HOST="cattien.test")
    assert response.status_code == 200
    assert "chỉ đạt độ tương phản 1,5:1" in response.content.decode()
    assert ThemeSettings.objects.get(site=cattien.site).brand_colour == "#0b5394"  # nothing saved


@pytest.mark.parametrize("role", [Role.EDITOR, Role.MODERATOR])
def test_nobody_edits_another_portals_look(client, demo_province, member, role):
    _province, dateh, cattien = demo_province
    client.force_login(member(dateh, role))
    before = ThemeSettings.objects.get(site=cattien.site).slogan
    settings = ThemeSettings.objects.get(site=cattien.site)
    # 404, as if it did not exist (tenants.admin_guard)
    assert client.get(edit_url(cattien), HTTP_HOST="dateh.test").status_code == 404
    response = client.post(edit_url(cattien), settings_form(settings, slogan="Bị sửa"), HTTP_HOST="dateh.test")
    assert response.status_code == 404
    assert ThemeSettings.objects.get(site=cattien.site).slogan == before
    own = client.get(edit_url(dateh), HTTP_HOST="dateh.test").status_code
    assert own == (200 if role == Role.MODERATOR else 302)  # editors do not change the look at all


def test_a_theme_name_never_reaches_the_filesystem(client, demo_province):
    _province, dateh, _cattien = demo_province
    settings = ThemeSettings.objects.get(site=dateh.site)
    settings.theme = "../../../etc"
    with pytest.raises(ValidationError) as error:
        settings.full_clean()
    assert set(error.value.message_dict) == {"theme"}
    # A bad name written around validation (by SQL) draws the default theme, not an error.
    ThemeSettings.objects.filter(pk=settings.pk).update(theme="../../../etc")
    from django.core.cache import cache

    cache.clear()
    assert 'class="theme-classic"' in page(client, "dateh.test")


def test_settings_text_is_translated_field_by_field(client, demo_province):
    from wagtail.models import Locale

    from themes.models import ThemeTranslation

    _province, dateh, _cattien = demo_province
    settings = ThemeSettings.objects.get(site=dateh.site)
    english_locale = Locale.objects.get(language_code="en")
    ThemeTranslation.objects.create(settings=settings, locale=english_locale, slogan="Dateh: people first")
    dateh.home_page.specific.copy_for_translation(english_locale).save_revision().publish()  # /en/ needs a home
    vietnamese, english = page(client, "dateh.test"), page(client, "dateh.test", "/en/")
    assert settings.slogan in vietnamese and "Dateh: people first" not in vietnamese
    assert "Dateh: people first" in english and settings.slogan not in english
    # No English address given: the Vietnamese one stands in.
    assert settings.footer_address in english


def test_a_new_portal_starts_with_the_default_look_its_moderators_may_change(db):
    from wagtail.models import GroupSitePermission

    from tenants.provisioning import TenantSpec, provision_tenant

    tenant = provision_tenant(TenantSpec(name="Lâm Đồng", slug="lamdong", hostname="lamdong.test")).tenant
    assert ThemeSettings.objects.get(site=tenant.site).theme == "classic"
    holders = set(
        GroupSitePermission.objects.filter(site=tenant.site, permission__codename="change_themesettings").values_list(
            "group__tenant_role__role", flat=True
        )
    )
    assert holders == {Role.MODERATOR, Role.PROVINCIAL_ADMIN}


def test_a_second_translation_for_one_language_is_refused_not_a_server_error(client, demo_province, cattien_moderator):
    """The same form sent twice (a reload, a double click) adds an English row again,
    while the first one is already saved: refused on the field, nothing saved."""
    from wagtail.models import Locale

    from themes.models import ThemeTranslation

    *_, cattien = demo_province
    english = Locale.objects.get(language_code="en")
    client.force_login(cattien_moderator)
    settings = ThemeSettings.objects.get(site=cattien.site)
    data = settings_form(settings)  # as loaded, before any translation existed
    data.update(
        {
            "translations-TOTAL_FORMS": "1",
            "translations-0-id": "",
            "translations-0-locale": str(english.pk),
            "translations-0-slogan": "Green Cat Tien",
            "translations-0-footer_address": "",
            "translations-0-licence_line": "",
            "translations-0-ORDER": "0",
            "translations-0-DELETE": "",
        }
    )
    assert client.post(edit_url(cattien), data, HTTP_HOST="cattien.test").status_code == 302
    again = client.post(edit_url(cattien), data, HTTP_HOST="cattien.test")
    assert again.status_code == 200
    assert "Ngôn ngữ này đã có bản dịch." in again.content.decode()
    assert ThemeTranslation.objects.filter(settings=settings).count() == 1


def test_the_footer_names_the_person_responsible_and_shows_each_label_only_when_set(client, demo_province):
    """Decree 42 / Circular 22: who is responsible; «Tín nhiệm mạng» and EMC are two
    different labels, each drawn only when the portal has it (Đạ Tẻh has both, Cát Tiên none)."""
    from django.core.cache import cache
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    PortalImage = get_image_model()
    _province, dateh, _cattien = demo_province
    look = ThemeSettings.objects.get(site=dateh.site)
    trust = PortalImage.objects.create(title="Tín nhiệm mạng", file=get_test_image_file(), collection=dateh.collection)
    emc = PortalImage.objects.create(title="EMC", file=get_test_image_file(), collection=dateh.collection)
    look.trust_image, look.trust_url = trust, "https://tinnhiemmang.vn/danh-ba-tin-nhiem/dateh"
    look.emc_image = emc
    look.save()
    cache.clear()
    dateh_home, cattien_home = page(client, "dateh.test"), page(client, "cattien.test")
    assert "Chịu trách nhiệm chính: Ông Nguyễn Văn Dũng, Chánh Văn phòng Huyện ủy" in dateh_home
    assert 'href="https://tinnhiemmang.vn/danh-ba-tin-nhiem/dateh"' in dateh_home
    assert 'alt="Nhãn Tín nhiệm mạng"' in dateh_home and 'alt="Nhãn EMC"' in dateh_home
    assert "Bà Lê Thị Hồng" in cattien_home and "Nguyễn Văn Dũng" not in cattien_home
    assert "Nhãn Tín nhiệm mạng" not in cattien_home and "Nhãn EMC" not in cattien_home
    # A verification link without its label image is refused, not drawn as an empty link.
    look.trust_image = None
    with pytest.raises(ValidationError) as refused:
        look.full_clean()
    assert "trust_image" in refused.value.message_dict


def test_a_printed_page_names_the_portal_and_its_address(client, demo_province):
    html = page(client, "dateh.test", "/tin-tuc/giam-sat-chi-thi-24-ct-tu/")
    assert (
        '<p class="print-source">In từ Cổng thông tin điện tử Đạ Tẻh: '
        "http://dateh.test/tin-tuc/giam-sat-chi-thi-24-ct-tu/</p>" in html
    )
