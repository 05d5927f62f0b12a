"""Province-wide alerts: what each portal shows, and keeping cached pages in step.

A portal shows the alerts of its province (and of itself, for the province) that have
started and not ended. Cached pages carry the alert in their HTML, so every change of
what is showing bumps the cache of the province and every portal below it: when an
alert is saved or deleted (after commit), at its start and at its end (a Celery task
with that ETA: within about a second), and, as a safety net if the worker was away,
from beat every minute for alerts that began or ended in the last minutes.
"""

from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from tenants.registry import registry
from tenants.scope_context import unscoped
from tenants.visibility import related_portals

SAFETY_NET = timedelta(seconds=150)
CACHE_SECONDS = 3600


def _cache_key(province_id: int) -> str:
    return f"alerts:{province_id}"


def alerts_of(province_id: int) -> list:
    """A province's alerts that have not ended, kept in the shared cache (a page render
    reads Redis, not SQL); forgotten whenever one changes."""
    from core.models import ProvinceAlert

    found = cache.get(_cache_key(province_id))
    if found is None:
        with unscoped():
            found = list(ProvinceAlert.objects.filter(tenant_id=province_id, ends_at__gt=timezone.now()))
        cache.set(_cache_key(province_id), found, timeout=CACHE_SECONDS)
    return found


def showing(tenant_id: int) -> list:
    """The alerts a portal shows now: its own (a province) and those of the portals above."""
    now = timezone.now()
    return [
        alert
        for record in registry.lineage(registry.by_id(tenant_id))
        for alert in alerts_of(record.id)
        if alert.starts_at <= now < alert.ends_at
    ]


def portals_reached(alert) -> set[int]:
    record = registry.by_id(alert.tenant_id)
    return {r.id for r in related_portals(record)} if record is not None else set()


def bump_portals_of(tenant_id: int):
    from core.page_cache.front_purge import purge_after_commit
    from core.page_cache.purge_urls import homes
    from core.page_cache.store import page_store

    record = registry.by_id(tenant_id)
    if record is not None:  # a warning to people must not wait behind a stale copy: purge
        ids = {r.id for r in related_portals(record)}
        page_store().bump(ids, purge=ids)
        # In front, their home pages (one per portal and language): the rest within FRONTEND_CACHE_MAX_AGE.
        purge_after_commit(homes, ids)


def alert_changed(sender, instance, **kwargs):
    """Saved or deleted: refresh now, and at its start and end."""
    from core.tasks import refresh_alert_pages

    tenant_id = instance.tenant_id
    moments = [m for m in (instance.starts_at, instance.ends_at) if m and m > timezone.now()]

    def after_commit():
        cache.delete(_cache_key(tenant_id))
        bump_portals_of(tenant_id)
        for moment in moments:
            refresh_alert_pages.apply_async((tenant_id,), eta=moment + timedelta(milliseconds=200))

    transaction.on_commit(after_commit)


def recently_turned(now=None) -> set[int]:
    """Provinces with an alert that began or ended within the safety net's window."""
    from core.models import ProvinceAlert

    now = now or timezone.now()
    since = now - SAFETY_NET
    started = ProvinceAlert.objects.filter(starts_at__gt=since, starts_at__lte=now)
    ended = ProvinceAlert.objects.filter(ends_at__gt=since, ends_at__lte=now)
    return set(started.values_list("tenant_id", flat=True)) | set(ended.values_list("tenant_id", flat=True))
