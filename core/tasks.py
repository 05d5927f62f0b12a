import time
from contextlib import contextmanager, suppress

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


@contextmanager
def only_one_at_a_time(name: str, seconds: int):
    """Yield True to the one run holding the lock, False to any run that overlaps it.

    Several workers take tasks from one queue, and a beat task can be sent twice (a
    second beat started by mistake, a retry after a worker died, an operator's manual
    run). Two overlapping runs of Wagtail's publish_scheduled would both publish the
    same revision, so such tasks take a Redis lock and an overlapping run does nothing."""
    from django.conf import settings
    from django_redis import get_redis_connection
    from redis.exceptions import LockError

    lock = get_redis_connection("default").lock(f"{settings.REDIS_KEY_PREFIX}:lock:{name}", timeout=seconds)
    acquired = lock.acquire(blocking=False)
    try:
        yield acquired
    finally:
        if acquired:
            with suppress(LockError):  # it outlived its timeout: nothing to release
                lock.release()


@shared_task
def publish_scheduled():
    """Scheduled by beat every minute: publish the pages and snippets whose go-live time
    has come and unpublish those whose expiry has passed (Wagtail's publish_scheduled),
    one run at a time. The page signals that follow invalidate each portal's cached pages."""
    from django.core.management import call_command

    with only_one_at_a_time("publish-scheduled", seconds=300) as mine:
        if mine:
            call_command("publish_scheduled", verbosity=0)
        return mine


@shared_task(soft_time_limit=300, time_limit=330, ignore_result=True)
def purge_front_cache(urls):
    """Sent after a change commits: the cache in front (nginx, a CDN) drops these pages
    (core.page_cache.front_purge)."""
    from .page_cache.front_purge import purge

    return purge(urls)


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


@shared_task(soft_time_limit=120, time_limit=150)
def read_document_words(document_id):
    """After an upload: read the file's words for search (core.document_text), unless
    they were already read from this very file. A file that takes over two minutes
    to read (a crafted PDF) is stopped there and recorded as failed."""
    from wagtail.documents import get_document_model

    from .document_text import needs_reading, read_document

    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None or not needs_reading(document):
        return False
    read_document(document)
    return True
