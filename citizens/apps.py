from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizensConfig(AppConfig):
    name = "citizens"
    label = "citizens"
    verbose_name = _("Hỏi đáp với công dân")
    default_auto_field = "django.db.models.BigAutoField"
