from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "analytics"
    label = "analytics"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from tenants import row_scope

        from . import (
            merging,
            persistence,  # noqa: F401  (registers the deploy check)
        )
        from .models import (
            FlushRecord,
            PageDayViews,
            PageUsefulness,
            PageViewTotal,
            PendingView,
            PortalDayStats,
            VisitBaseline,
        )

        # Each portal's statistics are its own (tenants.row_scope).
        row_scope.scope_rows(
            dict.fromkeys(
                [PageViewTotal, PageDayViews, PortalDayStats, VisitBaseline, FlushRecord, PendingView, PageUsefulness],
                row_scope.portal_records,
            )
        )
        merging.connect()
        row_scope.share(
            {"analytics.DailySalt": "the day's secret for visitor ids, no portal's; no admin view lists it"}
        )
