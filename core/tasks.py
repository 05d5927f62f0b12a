import time

from celery import shared_task
from django.core.cache import cache

HEARTBEAT_KEY = "core:beat-heartbeat"


@shared_task
def heartbeat():
    """Scheduled by beat every minute: /healthz reports how long ago it last ran, so an
    operator sees a stopped worker or beat before the statistics go stale."""
    now = time.time()
    cache.set(HEARTBEAT_KEY, now, timeout=None)
    return now


@shared_task
def publish_scheduled():
    """Scheduled by beat every minute: publish the pages and snippets whose go-live time
    has come and unpublish those whose expiry has passed (Wagtail's publish_scheduled).
    The page signals that follow invalidate each portal's cached pages."""
    from django.core.management import call_command

    call_command("publish_scheduled", verbosity=0)


@shared_task
def ping(value):
    """Round trip through the broker and a worker (used by the test suite and ops)."""
    return value


@shared_task
def refresh_alert_pages(tenant_id=None):
    """A province-wide alert starts or ends now (tenant_id, from its ETA), or, from beat
    every minute, whichever did in the last minutes: the pages of the province and of
    every portal below it are rendered again with or without it."""
    from .alerts import bump_portals_of, recently_turned

    for province in [tenant_id] if tenant_id else recently_turned():
        bump_portals_of(province)


@shared_task
def send_directive_reminders():
    """From beat, hourly: portals past a directive's report deadline with no report are
    reminded, each once a day (core.tracker)."""
    from .tracker import send_reminders

    return send_reminders()
