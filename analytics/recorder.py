"""Count a view and read the live numbers: one Redis round trip per page served.

Used on both paths: the page cache's fast path (hits; its fetch script embeds the
same Lua) and analytics.middleware (pages Django rendered). What is not counted:
HEAD, prefetches, crawlers, non-2xx, non-HTML, and logged-in editors unless
ANALYTICS_COUNT_EDITORS is on.
"""

import logging
import threading
import time
import uuid
from datetime import UTC, datetime

import redis
from django.conf import settings

from tenants import redis_client

from .counters import ANALYTICS_ARGS, RECORD_AND_READ_SCRIPT
from .periods import periods_at
from .placeholders import Numbers
from .visitors import client_address, daily_salt, is_bot, is_prefetch, visitor_id

logger = logging.getLogger(__name__)


def should_count(environ) -> bool:
    return (
        environ.get("REQUEST_METHOD") == "GET"
        and not is_prefetch(environ)
        and not is_bot(environ.get("HTTP_USER_AGENT", ""))
    )


class Recorder:
    def __init__(self, client: redis.Redis, prefix: str):
        self.client = client
        self.prefix = prefix
        self._registered = client.register_script(RECORD_AND_READ_SCRIPT)

    def _script(self, args):
        """EVALSHA directly: redis-py's Script wrapper costs as much again as the Lua."""
        try:
            return self.client.evalsha(self._registered.sha, 0, *args)
        except redis.exceptions.NoScriptError:
            return self._registered(args=args)  # loads it, after a Redis restart

    def base(self, tenant_id: int) -> str:
        return f"{self.prefix}:an:{tenant_id}:"

    def script_args(self, tenant_id: int, count: bool, visitor: str, page_id, at: int | None = None) -> list:
        """The arguments of counters.ANALYTICS_ARGS, in that order, which a counting
        script takes after its own; `at` (a Unix time) records a view kept from earlier
        in its own day and week."""
        now = int(time.time()) if at is None else at
        p = periods_at(now)
        args = {
            "base": self.base(tenant_id), "count": "1" if count else "0", "visitor": visitor,
            "page": str(page_id or ""), "now": now, "day": p.day, "week": p.week, "month": p.month, "year": p.year,
            "reload_ttl": settings.ANALYTICS_RELOAD_SECONDS, "visit_ttl": settings.ANALYTICS_VISIT_SECONDS,
            "online_window": settings.ANALYTICS_ONLINE_SECONDS,
        }  # fmt: skip
        return [args[name] for name in ANALYTICS_ARGS]

    def visitor_for(self, tenant_id: int, environ) -> str:
        return _visitor(self.client, self.prefix, tenant_id, environ)

    def record_and_read(self, tenant_id: int, page_id, environ, count: bool) -> tuple[bool, Numbers]:
        """Raises redis.RedisError when Redis is unavailable (the caller falls back)."""
        visitor = self.visitor_for(tenant_id, environ) if count and page_id else ""
        reply = self._script(self.script_args(tenant_id, count and bool(page_id), visitor, page_id))
        counted, values = bool(int(reply[0])), reply[1:]
        if values[0] in (b"0", 0, "0"):
            values = self.read_after_seeding(tenant_id, page_id)
        return counted, Numbers.from_script(values)

    def read(self, tenant_id: int) -> list:
        """The portal's live figures, counting nothing."""
        return self._script(self.script_args(tenant_id, False, "", ""))

    def read_in(self, pipe, tenant_id: int):
        """The same, queued on a pipeline (analytics.live reads many portals at once)."""
        pipe.evalsha(self._registered.sha, 0, *self.script_args(tenant_id, False, "", ""))

    def read_after_seeding(self, tenant_id: int, page_id) -> list:
        """Seed the portal's floors from SQL (they went with Redis' data), then read
        the numbers again without counting."""
        from .floors import seed_floors

        seed_floors(self, tenant_id)
        return self._script(self.script_args(tenant_id, False, "", page_id))[1:]


def _visitor(client, prefix: str, tenant_id: int, environ) -> str:
    salt = daily_salt(client, periods_at(int(time.time())).day, prefix)
    return visitor_id(salt, tenant_id, client_address(environ), environ.get("HTTP_USER_AGENT", ""))


def record_fallback(tenant_id: int, page_id, environ):
    """Redis is down: keep the view in SQL, to be replayed when it returns, with its
    visitor (the salt is in SQL too), so the replay tells reloads and visits apart."""
    from .models import PendingView

    try:
        visitor = _visitor(None, settings.REDIS_KEY_PREFIX, tenant_id, environ)
    except LookupError:
        visitor = ""  # the database is down too; the create below fails as well
    PendingView.objects.create(
        event_id=uuid.uuid4().hex, tenant_id=tenant_id, page_id=page_id, visitor=visitor, occurred_at=datetime.now(UTC)
    )


_recorder = None
_lock = threading.Lock()


def recorder() -> Recorder:
    """The recorder, on the same Redis client as the page cache (tenants.redis_client:
    one round trip serves both); rebuilt if that client was replaced."""
    global _recorder
    client = redis_client.shared()
    if _recorder is None or _recorder.client is not client:
        with _lock:
            if _recorder is None or _recorder.client is not client:
                _recorder = Recorder(client, settings.REDIS_KEY_PREFIX)
    return _recorder
