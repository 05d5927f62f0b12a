from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    name = "themes"
    label = "themes"
    verbose_name = _("Giao diện")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from tenants import row_scope

        from . import signals
        from .models import HeaderLink, ThemeSettings, ThemeTranslation

        signals.connect()
        # A portal's look is its own (tenants.row_scope).
        inlines = row_scope.children_of_site_setting(ThemeSettings)
        row_scope.scope_rows({ThemeSettings: row_scope.site_owned, ThemeTranslation: inlines, HeaderLink: inlines})
        row_scope.scope_logged(ThemeSettings, row_scope.site_owned)
