"""The languages a portal offers: Vietnamese always, and those its moderators chose
(themes.ThemeSettings.languages). Only these have addresses (/en/…), appear in the
language switcher and the sitemap, and are offered for translation in the admin."""

from django.conf import settings
from django.utils import translation

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def portal_languages(request) -> list[str]:
    theme = getattr(request, "portal_theme", None)
    return theme.settings.language_codes if theme is not None else [settings.LANGUAGE_CODE]


def language_of(tenant_site_id) -> list[str]:
    """A portal's languages when there is no request (the admin, the sitemap)."""
    from themes.active import PortalTheme

    return PortalTheme(tenant_site_id).settings.language_codes


def offered(request, home) -> bool:
    """Whether this portal serves its pages in the active language: it must be one of
    the portal's languages and the portal must have a home page in it (else /en/ of a
    portal with no English would show Vietnamese pages marked English)."""
    from tenants.registry import registry

    language = translation.get_language() or settings.LANGUAGE_CODE
    record = registry.by_root_path(home.path[: home.steplen * 2])
    home_language = record.home_language(home.path) if record is not None else home.locale.language_code
    return language in portal_languages(request) and home_language == language


def translations_of(page, request) -> list[dict]:
    """The live versions of `page` in the portal's languages, current one marked."""
    if page is None or not getattr(page, "pk", None):
        return []
    codes = portal_languages(request)
    if len(codes) < 2:
        return []
    current = translation.get_language()
    versions = (
        page.get_translations(inclusive=True)
        .live()
        .filter(locale__language_code__in=codes)
        .select_related("locale")
        .order_by("locale__language_code")
    )
    found = [
        {
            "code": version.locale.language_code,
            "name": LANGUAGE_NAMES.get(version.locale.language_code, version.locale.language_code),
            "url": version.get_url(request),
            "current": version.locale.language_code == current,
        }
        for version in versions
    ]
    order = {code: position for position, code in enumerate(codes)}
    found.sort(key=lambda item: order.get(item["code"], 99))
    return found if len(found) > 1 else []


def install():
    """wagtail-localize's «Dịch» form offers every locale; offer the page's portal's
    languages only (called from core.apps.ready)."""
    from wagtail.models import Page
    from wagtail_localize.views.submit_translations import SubmitTranslationForm

    from tenants.visibility import tenant_of_page

    original_init = SubmitTranslationForm.__init__

    def __init__(self, instance, *args, **kwargs):
        original_init(self, instance, *args, **kwargs)
        record = tenant_of_page(instance) if isinstance(instance, Page) else None
        if record is not None:
            field = self.fields["locales"]
            field.queryset = field.queryset.filter(language_code__in=language_of(record.site_id))

    SubmitTranslationForm.__init__ = __init__
