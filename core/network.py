"""The network dashboard: every portal a person works on, side by side, on the admin's
home. For each: pages published in the last 7 and 30 days, pages waiting for moderation
and the oldest wait, days since the last update (stale past STALE_DAYS), and visits this
week (as its public box shows them) against last week.

A provincial admin sees all of their province's portals; an editor or moderator their
own. The figures come from a fixed number of queries, however many portals there are:
each is grouped by the portal's tree-path prefix (tenants.visibility), and the admin's
row scope keeps them to the person's portals.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, WorkflowState

from analytics.live import live_numbers
from analytics.reports import visits_by_portal
from tenants.visibility import ROOT_PATH_LENGTH, portal_id_of_path, portals_for

from .compliance import compliance, latest_publish

STALE_DAYS = 14
SORTS = {
    "ten": lambda row: row.tenant.name,
    "xuat-ban-7": lambda row: -row.published_7,
    "cho-duyet": lambda row: -row.waiting,
    "cap-nhat": lambda row: -(row.days_since_update if row.days_since_update is not None else 10**6),
    "truy-cap": lambda row: -(row.visits_this_week or 0),
    "tuan-thu": lambda row: row.compliance if row.compliance is not None else 101,
}
FILTERS = {
    "": lambda row: True,
    "lau-chua-cap-nhat": lambda row: row.stale,
    "co-bai-cho-duyet": lambda row: row.waiting > 0,
}


@dataclass
class PortalActivity:
    tenant: object
    published_7: int = 0
    published_30: int = 0
    waiting: int = 0
    oldest_wait: datetime | None = None
    last_update: datetime | None = None
    visits_this_week: int | None = None
    visits_last_week: int = 0
    explorer_url: str = field(default="")
    compliance: int | None = None  # percent of core.compliance's items passed

    @property
    def days_since_update(self) -> int | None:
        return None if self.last_update is None else (timezone.now() - self.last_update).days

    @property
    def stale(self) -> bool:
        return self.days_since_update is None or self.days_since_update > STALE_DAYS

    @property
    def oldest_wait_days(self) -> int | None:
        return None if self.oldest_wait is None else (timezone.now() - self.oldest_wait).days

    @property
    def trend(self) -> int | None:
        if not self.visits_last_week or self.visits_this_week is None:
            return None
        return round((self.visits_this_week - self.visits_last_week) * 100 / self.visits_last_week)


def _by_portal(rows, key="root") -> dict:
    found = {}
    for row in rows:
        tenant_id = portal_id_of_path(row[key])
        if tenant_id is not None:
            found.setdefault(tenant_id, []).append(row)
    return found


def activity(user, today: date | None = None) -> list[PortalActivity]:
    from django.urls import reverse

    now = timezone.now()
    today = today or timezone.localdate()
    portals = portals_for(user)
    rows = {
        t.pk: PortalActivity(t, explorer_url=reverse("wagtailadmin_explore", args=[t.site.root_page_id]))
        for t in portals
    }
    root = Substr("page__path", 1, ROOT_PATH_LENGTH)
    published = (
        PageLogEntry.objects.filter(action="wagtail.publish", timestamp__gte=now - timedelta(days=30))
        .annotate(root=root)
        .values("root")
        .annotate(n30=Count("id"), n7=Count("id", filter=Q(timestamp__gte=now - timedelta(days=7))))
        .order_by()  # a default ordering would join the GROUP BY: one row per entry
    )
    for tenant_id, found in _by_portal(published).items():
        if tenant_id in rows:
            rows[tenant_id].published_30 = sum(r["n30"] for r in found)
            rows[tenant_id].published_7 = sum(r["n7"] for r in found)
    _add_moderation(rows)
    latest = latest_publish()
    for tenant_id, last in latest.items():
        if tenant_id in rows:
            rows[tenant_id].last_update = last
    _add_visits(rows, today)
    for found in compliance([row.tenant for row in rows.values()], latest, fix_urls=False):
        rows[found.tenant.pk].compliance = found.score
    return list(rows.values())


def _add_moderation(rows):
    waiting = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).values("object_id", "created_at")
    waiting = {int(w["object_id"]): w["created_at"] for w in waiting if str(w["object_id"]).isdigit()}
    paths = Page.objects.filter(pk__in=list(waiting)).values("pk", "path")
    for page in paths:
        tenant_id = portal_id_of_path(page["path"][:ROOT_PATH_LENGTH])
        if tenant_id in rows:
            row = rows[tenant_id]
            row.waiting += 1
            since = waiting[page["pk"]]
            row.oldest_wait = since if row.oldest_wait is None else min(row.oldest_wait, since)


def _add_visits(rows, today):
    live = live_numbers(rows)
    week_start = today - timedelta(days=today.weekday())
    before = visits_by_portal(rows, week_start - timedelta(days=7), today - timedelta(days=7))
    for tenant_id, row in rows.items():
        numbers = live.get(tenant_id)
        row.visits_this_week = numbers.week if numbers else None
        row.visits_last_week = before.get(tenant_id, 0)


def chosen(rows, sort: str, only: str) -> list[PortalActivity]:
    keep = FILTERS.get(only, FILTERS[""])
    return sorted((row for row in rows if keep(row)), key=SORTS.get(sort, SORTS["ten"]))
