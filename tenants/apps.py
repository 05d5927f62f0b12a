from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    label = "tenants"
    verbose_name = "Cổng thông tin (tenants)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (  # noqa: F401 - signals keeps the registry fresh
            form_checks,
            listing_queries,
            permission_rows,
            row_scope,
            scale_fixes,
            signals,
            site_history,
            site_root_index,
            tags,
            tree_paths,
        )

        tree_paths.register()
        row_scope.install()
        form_checks.install()
        scale_fixes.install()
        permission_rows.install()
        listing_queries.install()
        site_root_index.install()
        tags.install()
        site_history.install()
