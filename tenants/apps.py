from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    label = "tenants"
    verbose_name = "Cổng thông tin (tenants)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals, tags  # noqa: F401 - signals connects the registry invalidation

        tags.install()
