from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizensConfig(AppConfig):
    name = "citizens"
    label = "citizens"
    verbose_name = _("Hỏi đáp với công dân")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from tenants import row_scope

        from . import compliance, demo, merging, views
        from .models import CitizenSettings, DraftComment, Question

        compliance.connect()
        demo.connect()
        merging.connect()
        views.install()  # «Hỏi đáp» and «Gửi góp ý», as routes of core's pages

        # A portal's questions and settings are its own (tenants.row_scope).
        row_scope.scope_rows(
            {
                Question: row_scope.portal_records,
                DraftComment: row_scope.portal_records,
                CitizenSettings: row_scope.site_owned,
            }
        )
