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
def ping(value):
    """Round trip through the broker and a worker (used by the test suite and ops)."""
    return value
