from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """What the province's IT centre watches: /metrics, request ids, JSON logs."""

    name = "operations"
    label = "operations"
    verbose_name = _("Vận hành")
