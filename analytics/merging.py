"""A merge of portals (tenants.merging), for the statistics: the counts still in Redis
go to SQL first, the sources' figures are added to the target's (its «Thống kê truy
cập» total is the sum), and after the commit the live numbers are read anew from SQL."""

from django.db.models import F
from django.utils.translation import gettext as _

from tenants.events import merge_starting, portal_merging, portals_merged
from tenants.merging import MergeError

from .floors import forget_live_numbers
from .flush import flush_portal
from .models import FlushRecord, PageDayViews, PageUsefulness, PageViewTotal, PendingView, PortalDayStats, VisitBaseline
from .recorder import recorder

# What a merge does to the statistics' rows that point at a portal (tenants.merging.HANDLED).
HANDLED = {
    "analytics.PageViewTotal": "moved (page ids are unique)",
    "analytics.PageDayViews": "moved",
    "analytics.PageUsefulness": "moved",
    "analytics.PendingView": "moved, to be replayed into the target",
    "analytics.FlushRecord": "moved",
    "analytics.PortalDayStats": "added to the target's day",
    "analytics.VisitBaseline": "added to the target's",
}


def _flush_live_numbers(sender, tenants, **kwargs):
    """Counts still in Redis go to SQL first, so the sums below include them."""
    try:
        for tenant in tenants:
            flush_portal(recorder(), tenant.pk)
    except Exception as error:
        raise MergeError(
            _("Chưa chuyển được số liệu truy cập đang đếm (Redis): %(error)s") % {"error": error}
        ) from error


def _carry_visits(sender, source, target, **kwargs):
    for model in (PageViewTotal, PageDayViews, PageUsefulness, PendingView, FlushRecord):
        model.objects.filter(tenant=source).update(tenant=target)
    visits = 0
    for row in PortalDayStats.objects.filter(tenant=source):
        visits += row.visits
        updated = PortalDayStats.objects.filter(tenant=target, day=row.day).update(
            page_views=F("page_views") + row.page_views,
            visits=F("visits") + row.visits,
            unique_visitors=F("unique_visitors") + row.unique_visitors,
        )
        if updated:
            row.delete()
        else:
            PortalDayStats.objects.filter(pk=row.pk).update(tenant=target)
    old = VisitBaseline.objects.filter(tenant=source).first()
    if old is not None:
        visits += old.total
        mine, _created = VisitBaseline.objects.get_or_create(tenant=target)
        mine.total += old.total
        for period, figure in (("year", "year_visits"), ("month", "month_visits"), ("week", "week_visits")):
            if not getattr(mine, period) or getattr(mine, period) == getattr(old, period):
                setattr(mine, period, getattr(old, period))
                setattr(mine, figure, getattr(mine, figure) + getattr(old, figure))
        mine.save()
    return {"visits": visits}


def _forget_live_numbers(sender, target_id, source_ids, **kwargs):
    forget_live_numbers(target_id, drop_counts=False)  # reseeded from the merged SQL on next read
    for source_id in source_ids:
        forget_live_numbers(source_id, drop_counts=True)


def connect():
    merge_starting.connect(_flush_live_numbers, dispatch_uid="analytics-flush-before-merge")
    portal_merging.connect(_carry_visits, dispatch_uid="analytics-rows-of-merged-portal")
    portals_merged.connect(_forget_live_numbers, dispatch_uid="analytics-forget-after-merge")
