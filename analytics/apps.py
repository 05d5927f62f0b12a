from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "analytics"
    label = "analytics"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import persistence  # noqa: F401  (registers the deploy check)
