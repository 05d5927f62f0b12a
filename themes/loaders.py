"""Look up a portal's templates in its theme's folder first, then in the default ones.

Only the site's own templates can be themed; the admin's never are (an editor must
always get the same admin, and admin requests need not load the portal's settings).
The cached loader keys its cache by theme, so a template found in one portal's theme
is never served to another portal.
"""

from django.core.exceptions import SuspiciousFileOperation
from django.template import Origin
from django.template.loaders import cached, filesystem
from django.utils._os import safe_join

from .active import current_portal_theme

THEMABLE = ("base.html", "core/", "blocks/", "analytics/", "tenants/", "themes/")


def theme_for(template_name: str):
    if not template_name.startswith(THEMABLE):
        return None
    portal = current_portal_theme()
    return portal.theme if portal is not None else None


class ThemeLoader(filesystem.Loader):
    """Finds a template in the current portal's theme folder, if the theme has it."""

    def get_template_sources(self, template_name):
        theme = theme_for(template_name)
        if theme is None:
            return
        try:
            name = safe_join(theme.template_dir, template_name)
        except SuspiciousFileOperation:
            return
        yield Origin(name=name, template_name=template_name, loader=self)


class Loader(cached.Loader):
    def cache_key(self, template_name, skip=None):
        theme = theme_for(template_name)
        return f"{theme.name if theme else '-'}:{super().cache_key(template_name, skip)}"
