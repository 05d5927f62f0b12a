"""The one Redis client of the page cache and the view counters (one connection pool:
a cache hit and its count are one round trip), and the one way to reach Redis: a plain
server (REDIS_URL) or, with REDIS_SENTINELS set, whichever server Redis Sentinel names
as the primary of the service REDIS_URL names (redis://<service>/<db>). It sits in the
bottom layer so that analytics, themes and core use it without importing each other.

Through Sentinel a connection asks the sentinels where the primary is each time it
connects, so after a failover the first failed call (which the page cache and the
counters already survive) is followed by calls to the new primary. django-redis and
Celery read the same two settings (core/settings/base.py).
"""

import threading
from urllib.parse import unquote, urlsplit

import redis
from django.conf import settings
from redis.backoff import NoBackoff
from redis.retry import Retry
from redis.sentinel import Sentinel

# redis-py retries a failed call 3 times with backoff from 1 s by default: seconds per
# request when Redis is down. The page cache and the counters fail at once and fall
# back instead (serve uncached, keep the view in SQL).
NO_RETRY = Retry(NoBackoff(), 0)


def sentinel_service(url: str) -> tuple[str, dict]:
    """redis://[:password@]service/db -> ("service", {"db": …, "password": …})."""
    parts = urlsplit(url)
    options = {"db": int(parts.path.strip("/") or 0)}
    if parts.password:
        options["password"] = unquote(parts.password)
    return parts.hostname, options


def connect(url: str, **options) -> redis.Redis:
    if not settings.REDIS_SENTINELS:
        return redis.Redis.from_url(url, **options)
    service, server_options = sentinel_service(url)
    timeouts = {k: v for k, v in options.items() if k in ("socket_timeout", "socket_connect_timeout")}
    sentinel = Sentinel(settings.REDIS_SENTINELS, sentinel_kwargs=timeouts)
    return sentinel.master_for(service, **server_options, **options)


def fail_fast(url: str) -> redis.Redis:
    """A client that gives up within PAGE_CACHE_REDIS_TIMEOUT and never retries."""
    return connect(
        url,
        socket_timeout=settings.PAGE_CACHE_REDIS_TIMEOUT,
        socket_connect_timeout=settings.PAGE_CACHE_REDIS_TIMEOUT,
        health_check_interval=30,
        retry=NO_RETRY,
    )


_client = None
_lock = threading.Lock()


def shared() -> redis.Redis:
    """The client the page cache (core.page_cache.store) and the counters
    (analytics.recorder) share; each rebuilds its own objects when this is replaced."""
    global _client
    if _client is None:
        with _lock:
            if _client is None:
                _client = fail_fast(settings.REDIS_URL)
    return _client
