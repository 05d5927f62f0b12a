from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    label = "tenants"
    verbose_name = "Cổng thông tin (tenants)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import form_checks, row_scope, scale_fixes, signals, site_history, tags, tree_paths  # noqa: F401 - signals keeps the registry fresh

        tree_paths.register()
        row_scope.install()
        form_checks.install()
        scale_fixes.install()
        tags.install()
        site_history.install()
