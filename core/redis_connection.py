"""One way to reach Redis for the page cache, the counters and the locks: a plain
server (REDIS_URL) or, with REDIS_SENTINELS set, whichever server Redis Sentinel names
as the primary of the service REDIS_URL names (redis://<service>/<db>).

Through Sentinel a connection asks the sentinels where the primary is each time it
connects, so after a failover the first failed call (which the page cache and the
counters already survive) is followed by calls to the new primary. django-redis and
Celery read the same two settings (core/settings/base.py).
"""

from urllib.parse import unquote, urlsplit

import redis
from django.conf import settings
from redis.sentinel import Sentinel


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
