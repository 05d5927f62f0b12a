from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "themes"
    label = "themes"
    default_auto_field = "django.db.models.BigAutoField"
