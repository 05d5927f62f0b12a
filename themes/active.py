"""The look of the portal serving this request, loaded on first use and kept for the
request (the template loader, the context processor and blocks all ask for it)."""

from contextvars import ContextVar
from functools import cached_property
from types import SimpleNamespace

from django.core.cache import cache
from django.utils import translation

from tenants.scope_context import unscoped_function

from .registry import Theme, get_theme

SETTINGS_CACHE_SECONDS = 24 * 3600

_current: ContextVar["PortalTheme | None"] = ContextVar("portal_theme", default=None)


def settings_cache_key(site_id: int) -> str:
    return f"themes:settings:{site_id}"


@unscoped_function  # kept in a cache every reader of the portal shares
def load_settings(site_id: int):
    from .models import ThemeSettings

    found = (
        ThemeSettings.objects.filter(site_id=site_id)
        .select_related("logo", "banner_image", "trust_image", "emc_image")
        .prefetch_related("translations__locale", "header_links__locale")
        .first()
    )
    # A portal whose moderators never saved its settings gets the defaults; reading a
    # page must not write to the database.
    return found if found is not None else ThemeSettings(site_id=site_id)


class PortalTheme:
    def __init__(self, site_id: int):
        self.site_id = site_id

    @cached_property
    def settings(self):
        # Kept in the shared cache (one round trip instead of three queries on every
        # uncached page); themes.signals forgets it when the settings change.
        key = settings_cache_key(self.site_id)
        found = cache.get(key)
        if found is None:
            found = load_settings(self.site_id)
            cache.set(key, found, timeout=SETTINGS_CACHE_SECONDS)
        return found

    @cached_property
    def theme(self) -> Theme:
        return get_theme(self.settings.theme)

    @property
    def brand(self) -> str:
        return self.settings.brand_colour or self.theme.brand

    @property
    def accent(self) -> str:
        return self.settings.accent_colour or self.theme.accent

    @property
    def css_variables(self) -> str:
        # Both values passed a strict #RRGGBB check (or are the theme's own), so they
        # are safe inside a style element.
        return f"--brand:{self.brand};--accent:{self.accent};"

    def _translation(self):
        language = translation.get_language() or ""
        if self.settings.pk is None:
            return None
        for row in self.settings.translations.all():
            if row.locale.language_code == language:
                return row
        return None

    @property
    def text(self) -> SimpleNamespace:
        """Slogan and footer lines in the active language, falling back field by field."""
        main = self.settings
        other = self._translation()
        return SimpleNamespace(
            **{
                name: (getattr(other, name, "") if other is not None else "") or getattr(main, name)
                for name in main.TEXT_FIELDS
            }
        )

    @property
    def header_links(self):
        if self.settings.pk is None:
            return []
        language = translation.get_language() or ""
        return [
            link
            for link in self.settings.header_links.all()
            if link.locale is None or link.locale.language_code == language
        ]


def current_portal_theme() -> PortalTheme | None:
    return _current.get()


def activate(site_id: int):
    """Make this portal's theme the current one; returns a token for deactivate()."""
    return _current.set(PortalTheme(site_id))


def deactivate(token):
    _current.reset(token)
