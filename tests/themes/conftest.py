import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tenants.roles import Role
from themes.models import ThemeSettings


@pytest.fixture
def member():
    """A user holding one role on one portal."""

    def _member(tenant, role, username=None):
        user = get_user_model().objects.create_user(username or f"{tenant.slug}.{role}", password="x")
        user.groups.add(tenant.groups.get(role=role).group)
        return user

    return _member


@pytest.fixture
def cattien_moderator(demo_province, member):
    return member(demo_province[2], Role.MODERATOR)


def settings_form(settings: ThemeSettings, **changes):
    """The admin form's POST data for these settings, with some fields changed."""
    fields = {
        name: getattr(settings, name) or ""
        for name in (
            "theme",
            "brand_colour",
            "accent_colour",
            "slogan",
            "footer_address",
            "footer_phone",
            "footer_email",
            "licence_line",
            "responsible_person",
            "trust_url",
            "emc_url",
        )
    }
    for name in ("logo", "banner_image", "trust_image", "emc_image"):
        fields[name] = getattr(settings, f"{name}_id") or ""
    links = [
        {"id": link.pk, "title": link.title, "url": link.url, "locale": link.locale_id or "", "ORDER": i}
        for i, link in enumerate(settings.header_links.all())
    ]
    translations = [
        {
            "id": row.pk,
            "locale": row.locale_id,
            "slogan": row.slogan,
            "footer_address": row.footer_address,
            "licence_line": row.licence_line,
            "responsible_person": row.responsible_person,
            "ORDER": i,
        }
        for i, row in enumerate(settings.translations.all())
    ]
    fields.update(changes)
    return nested_form_data(
        {
            **fields,
            "header_links": inline_formset(links, initial=len(links)),
            "translations": inline_formset(translations, initial=len(translations)),
        }
    )
