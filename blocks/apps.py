from django.apps import AppConfig


class BlocksConfig(AppConfig):
    name = "blocks"
    label = "blocks"
    default_auto_field = "django.db.models.BigAutoField"
