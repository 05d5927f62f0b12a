"""The page cache in Redis.

Keys (all under REDIS_KEY_PREFIX):
  pagecache:gen:<tenant id>              the portal's generation: bumped when what its
                                         pages show changes (a publish here, above or
                                         below): its cached pages become stale
  pagecache:purge:<tenant id>            bumped when a page must not be shown any more
                                         (unpublished, deleted, moved, made private):
                                         its cached pages become unusable
  pagecache:page:<tenant id>:<d>         a stored response: a hash of m (status and
                                         headers), b (body), p (the page id to count) and
                                         v (the "generation.purge" it was rendered at)
  pagecache:page:<tenant id>:<d>:r       held (a few seconds) by the one request that
                                         renders a stale page again
  pagecache:index:<tenant id>:<kind>     the portal's stored keys by time stored, one index
                                         for pages (200) and one for "not found" (404):
                                         past PAGE_CACHE_MAX_ENTRIES (pages) or
                                         PAGE_CACHE_MAX_404_ENTRIES per portal, its oldest
                                         go. So one portal's traffic never evicts another
                                         portal's pages, and a flood of junk URLs (404s)
                                         never evicts pages readers want.

A fetch is ONE round trip (a Lua script reads the versions and the page together). A
page stored at the current version is a HIT. One stored at an older generation (but
the current purge) is STALE: every reader gets it at once, and the first one to find
it so also re-renders it after its answer is sent (core.page_cache.fast_path), so
readers never wait for a publish and no two requests render the same page. A page
stored before a purge is a MISS.

Redis failures never break a page: callers get None and serve uncached; after a
failure the cache is skipped for a few seconds so a dead Redis costs one timeout,
not one per request.
"""

import json
import logging
import threading
import time

import redis
from django.conf import settings

from analytics.counters import RECORD_FUNCTION
from tenants import redis_client

logger = logging.getLogger(__name__)

# One round trip for a hit: the portal's generation, the stored page, and (analytics)
# counting the view and reading the live numbers its placeholders show.
# ARGV: page key base, digest, the analytics arguments (analytics.counters.ANALYTICS_ARGS),
# then how long one request may hold a stale page's re-render.
FETCH_SCRIPT = (
    RECORD_FUNCTION
    + """
local version = (redis.call('GET', KEYS[1]) or '0') .. '.' .. (redis.call('GET', KEYS[2]) or '0')
local key = ARGV[1] .. ARGV[2]
local cached = redis.call('HMGET', key, 'm', 'b', 'p', 'v')
if not cached[1] or not cached[4] then return {version} end
local state = 'HIT'
if cached[4] ~= version then
  if string.match(cached[4], '%.(%d+)$') ~= string.match(version, '%.(%d+)$') then return {version} end
  state = 'STALE'
  if redis.call('SET', key .. ':r', '1', 'NX', 'EX', tonumber(ARGV[#ARGV])) then state = 'RENDER' end
end
local page = cached[3] or ''
local counted, numbers_now = count_and_read(2, page)
local result = {version, cached[1], cached[2], counted, page, state}
for _, value in ipairs(numbers_now) do
  result[#result + 1] = value
end
return result
"""
)

STORE_SCRIPT = """
redis.call('DEL', KEYS[1], KEYS[1] .. ':r')
redis.call('HSET', KEYS[1], 'm', ARGV[1], 'b', ARGV[6], 'p', ARGV[7], 'v', ARGV[8])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
redis.call('ZADD', KEYS[2], tonumber(ARGV[3]), KEYS[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', tonumber(ARGV[3]) - tonumber(ARGV[5]))
local extra = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
if extra > 0 then
  local oldest = redis.call('ZPOPMIN', KEYS[2], extra)
  for i = 1, #oldest, 2 do redis.call('DEL', oldest[i]) end
end
return extra
"""


class PageStore:
    def __init__(self, client: redis.Redis, prefix: str):
        self.prefix = f"{prefix}:pagecache:"
        self.client = client
        self._fetch = self.client.register_script(FETCH_SCRIPT)
        self._store = self.client.register_script(STORE_SCRIPT)
        self._down_until = 0.0
        self._lock = threading.Lock()

    # --- keys -----------------------------------------------------------------------
    def generation_key(self, tenant_id: int) -> str:
        return f"{self.prefix}gen:{tenant_id}"

    def purge_key(self, tenant_id: int) -> str:
        return f"{self.prefix}purge:{tenant_id}"

    def page_key_base(self, tenant_id: int) -> str:
        return f"{self.prefix}page:{tenant_id}:"

    def page_key(self, tenant_id: int, digest: str) -> str:
        return f"{self.page_key_base(tenant_id)}{digest}"

    # --- availability ----------------------------------------------------------------
    def available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _failed(self, action: str):
        with self._lock:
            self._down_until = time.monotonic() + settings.PAGE_CACHE_RETRY_SECONDS
        logger.warning(
            "Page cache unavailable (%s); serving uncached for %ss", action, settings.PAGE_CACHE_RETRY_SECONDS
        )

    # --- reading ---------------------------------------------------------------------
    def fetch(self, tenant_id: int, digest: str, analytics_args: list) -> list | None:
        """[version] on a miss; [version, meta, body, counted, page id, state, *numbers]
        where state is HIT, STALE, or RENDER (stale, and this request renders it again);
        None if Redis is unavailable."""
        if not self.available():
            return None
        keys = [self.generation_key(tenant_id), self.purge_key(tenant_id)]
        args = [self.page_key_base(tenant_id), digest, *analytics_args, settings.PAGE_CACHE_RENDER_SECONDS]
        try:
            try:
                # EVALSHA directly: redis-py's Script wrapper adds about as much as the Lua costs.
                return self.client.evalsha(self._fetch.sha, 2, *keys, *args)
            except redis.exceptions.NoScriptError:  # Redis restarted: load the script again
                return self._fetch(keys=keys, args=args)
        except redis.RedisError:
            self._failed("fetch")
            return None

    def version(self, tenant_id: int) -> str | None:
        """The portal's "generation.purge" now (what a page rendered now is stored at)."""
        if not self.available():
            return None
        try:
            generation, purge = self.client.mget(self.generation_key(tenant_id), self.purge_key(tenant_id))
        except redis.RedisError:
            self._failed("version")
            return None
        return f"{(generation or b'0').decode()}.{(purge or b'0').decode()}"

    # --- writing ---------------------------------------------------------------------
    def index_key(self, tenant_id: int, found: bool) -> str:
        return f"{self.prefix}index:{tenant_id}:{'ok' if found else 'nf'}"

    def store(
        self, tenant_id: int, version: str, digest: str, entry: tuple[bytes, bytes, str], ttl: int, found=True
    ) -> bool:
        """entry: (meta, body, page id or '' when the page is not counted); found: a
        page (200) rather than a "not found" (404), which are bounded apart. Frees the
        page for the next re-render."""
        if not self.available():
            return False
        key = self.page_key(tenant_id, digest)
        bound = settings.PAGE_CACHE_MAX_ENTRIES if found else settings.PAGE_CACHE_MAX_404_ENTRIES
        try:
            self._store(
                keys=[key, self.index_key(tenant_id, found)],
                args=[
                    entry[0],
                    ttl,
                    time.time(),
                    bound,
                    settings.PAGE_CACHE_TTL,
                    entry[1],
                    entry[2],
                    version,
                ],
            )
        except redis.RedisError:
            self._failed("store")
            return False
        return True

    def forget(self, tenant_id: int, digest: str) -> None:
        """Drop one stored page (its new rendering may not be stored: a redirect, an error)."""
        key = self.page_key(tenant_id, digest)
        try:
            self.client.delete(key, key + ":r")
        except redis.RedisError:
            self._failed("forget")

    def bump(self, tenant_ids, purge=()) -> None:
        """These portals' cached pages become stale (served while rendered again);
        those of the portals in `purge` become unusable (never served again)."""
        if not settings.PAGE_CACHE_SERVE_STALE:
            purge = set(tenant_ids) | set(purge)
        try:
            with self.client.pipeline(transaction=False) as pipe:
                for tenant_id in set(tenant_ids) | set(purge):
                    pipe.incr(self.generation_key(tenant_id))
                for tenant_id in set(purge):
                    pipe.incr(self.purge_key(tenant_id))
                pipe.execute()
        except redis.RedisError:
            # Pages cached now may be served until they expire (PAGE_CACHE_TTL).
            logger.exception("Could not invalidate the page cache of portals %s", sorted(set(tenant_ids)))


def pack_meta(status: int, headers: list[tuple[str, str]]) -> bytes:
    return json.dumps([status, headers], separators=(",", ":")).encode()


def unpack_meta(meta: bytes) -> tuple[int, list[tuple[str, str]]]:
    status, headers = json.loads(meta)
    return status, [tuple(pair) for pair in headers]


_store = None
_store_lock = threading.Lock()


def page_store() -> PageStore:
    """The page cache, on the shared client (tenants.redis_client); rebuilt if that was replaced."""
    global _store
    client = redis_client.shared()
    if _store is None or _store.client is not client:
        with _store_lock:
            if _store is None or _store.client is not client:
                _store = PageStore(client, settings.REDIS_KEY_PREFIX)
    return _store
