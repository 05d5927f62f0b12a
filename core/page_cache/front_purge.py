"""Tell the cache in front (nginx, a CDN) to drop pages, after the commit, from a Celery
worker: a purge batch waits on the network (a CDN's API, a slow nginx), a publish must
not. Nothing here ever fails the change that asked for it: a cache that cannot be
reached, or a broker that is down, is logged and counted
(portal_front_cache_purges_total); the copies then expire on their own
(FRONTEND_CACHE_MAX_AGE)."""

import logging

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import get_backends

from operations.metrics import FRONT_CACHE_PURGES

from .purge_backend import PurgeFailed

logger = logging.getLogger(__name__)


def purge_after_commit(list_addresses, *args) -> None:
    """List the addresses now (a deleted page has none after the commit), send them once
    the transaction commits (nothing is purged for a change that was rolled back)."""
    if not settings.FRONTEND_CACHE_ENABLED:
        return
    try:
        urls = sorted(list_addresses(*args))
    except Exception:
        logger.warning("Front cache: could not list the pages to purge", exc_info=True)
        return
    if urls:
        transaction.on_commit(lambda: send(urls))


def send(urls: list[str]) -> None:
    from core.tasks import purge_front_cache

    try:
        purge_front_cache.apply_async((urls,), retry=False)
    except Exception as error:  # the broker is down
        logger.warning("Front cache: %s pages not purged, the task was not queued (%s)", len(urls), error)
        FRONT_CACHE_PURGES.labels("all", "not_queued").inc(len(urls))


def purge(urls: list[str]) -> int:
    """In the worker: every configured backend drops these addresses. Returns how many
    were sent without a failure."""
    done = 0
    for name, backend in get_backends().items():
        try:
            backend.purge_batch(urls)
        except PurgeFailed as failure:
            failed = failure.failed
        except Exception as error:  # a CDN's API: whatever its client raises
            logger.warning("Front cache %s: %s", name, error)
            failed = len(urls)
        else:
            failed = 0
        if failed:
            logger.warning("Front cache %s: %s of %s pages not purged", name, failed, len(urls))
            FRONT_CACHE_PURGES.labels(name, "failed").inc(failed)
        FRONT_CACHE_PURGES.labels(name, "purged").inc(len(urls) - failed)
        done += len(urls) - failed
    return done
