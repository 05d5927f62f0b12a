"""The in-process map from hostname to portal.

Every request needs it, so it lives in memory and costs no SQL. It is rebuilt when
portals change: at once in the process that changed them (signals), and in every other
process (web workers, Celery) within TENANT_REGISTRY_CHECK_SECONDS, by comparing a
version stamp kept in the shared cache. If the cache is unreachable the map is rebuilt
from the database at the same interval instead, so a portal created while Redis is
down still appears.

It never forgets: a load that fails (the database unreachable) or finds no portal at
all keeps the last good map, says so in the log, and is retried with a short backoff,
so every portal, cached pages included, keeps answering through a database blip and the
map catches up within seconds of the database's return.
"""

import contextvars
import logging
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError

from .scope_context import unscoped

logger = logging.getLogger(__name__)

VERSION_KEY = "tenants:registry-version"
RETRY_SECONDS = (0.5, 1.0, 2.0, 4.0)  # after a failed load; the last one repeats
LOG_EVERY_SECONDS = 30.0  # one warning per interval while loads keep failing


class RegistryUnavailable(Exception):
    """The portals could not be read, or none came back where there were some."""


@dataclass(frozen=True)
class TenantRecord:
    """What a request needs to know about its portal, without touching the database."""

    id: int
    slug: str
    name: str
    level: str
    parent_id: int | None
    hostname: str
    is_active: bool
    site_id: int
    site_port: int
    site_name: str
    root_page_id: int
    collection_id: int
    # Tree paths of the home page and its translations: every page of this portal
    # lies under one of them.
    root_paths: tuple[str, ...] = ()
    # (tree path, language code) of each of those homes.
    home_languages: tuple[tuple[str, str], ...] = ()
    # Set for an archive: served read-only with a banner (tenants.archiving).
    archived_at: datetime | None = None

    def home_language(self, path: str) -> str | None:
        return dict(self.home_languages).get(path)


# Set while a request is served: it was checked for changes as the request started.
_checked_for_this_request = contextvars.ContextVar("registry_checked_for_this_request", default=False)


class TenantRegistry:
    def __init__(self):
        self._lock = threading.Lock()
        self._by_host: dict[str, TenantRecord] = {}
        self._alias_to_host: dict[str, str] = {}
        self._by_slug: dict[str, TenantRecord] = {}
        self._by_id: dict[int, TenantRecord] = {}
        self._by_root_path: dict[str, TenantRecord] = {}
        self._collections: dict[int, tuple[int, ...]] = {}
        self._collection_owner: dict[int, int] = {}
        self._loaded = False
        self._good = False  # holds a map from a successful load
        self._version = None
        self._checked_at = 0.0
        self._failures = 0
        self._retry_at = 0.0
        self._logged_at = -LOG_EVERY_SECONDS

    # --- health (operations.metrics) ------------------------------------------------
    def seconds_since_confirmed(self) -> float | None:
        """How long ago this process last knew its map to be current (None: never)."""
        return time.monotonic() - self._checked_at if self._good else None

    @property
    def failed_loads(self) -> int:
        return self._failures

    # --- reading -------------------------------------------------------------------
    def lookup(self, hostname: str) -> tuple[TenantRecord | None, bool]:
        """The portal answering on `hostname`, and whether that hostname is an alias."""
        self._refresh_if_stale()
        record = self._by_host.get(hostname)
        if record is not None:
            return record, False
        primary = self._alias_to_host.get(hostname)
        if primary is not None:
            return self._by_host.get(primary), True
        return None, False

    def by_slug(self, slug: str) -> TenantRecord | None:
        self._refresh_if_stale()
        return self._by_slug.get(slug)

    def by_id(self, tenant_id: int) -> TenantRecord | None:
        self._refresh_if_stale()
        return self._by_id.get(tenant_id)

    def lineage(self, record: TenantRecord | None) -> list[TenantRecord]:
        """The portal, its parent, grandparent… up to the province, nearest first."""
        chain = []
        while record is not None and len(chain) < 10:  # bounded: a cycle must not hang a request
            chain.append(record)
            record = self.by_id(record.parent_id) if record.parent_id else None
        return chain

    def by_root_path(self, path: str) -> TenantRecord | None:
        self._refresh_if_stale()
        return self._by_root_path.get(path)

    def collections_of(self, tenant_id: int) -> tuple[int, ...]:
        """The portal's media collection and every collection below it."""
        self._refresh_if_stale()
        return self._collections.get(tenant_id, ())

    def owner_of_collection(self, collection_id: int) -> int | None:
        self._refresh_if_stale()
        return self._collection_owner.get(collection_id)

    def all(self) -> list[TenantRecord]:
        self._refresh_if_stale()
        return list(self._by_id.values())

    def hostnames(self) -> list[str]:
        """Every hostname a portal answers on, primary or alias (for ALLOWED_HOSTS)."""
        self._refresh_if_stale()
        return [*self._by_host, *self._alias_to_host]

    # --- keeping it fresh ----------------------------------------------------------
    def invalidate(self, *, announce: bool = True):
        """Forget the map here; with announce, tell every other process too."""
        with self._lock:
            self._loaded = False
            self._retry_at = 0.0  # a change made here means the database answers: reload now
        if announce:
            try:
                cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
            except Exception:  # Redis down: others fall back to reloading on their interval
                logger.warning("Could not announce a portal change through the cache", exc_info=True)

    def changed(self):
        """Call inside the transaction that changed portals or their hostnames: this
        thread sees the change at once, other processes are told after commit, so they
        never reload before the change is visible to them."""
        from django.db import transaction

        self.invalidate(announce=False)
        transaction.on_commit(self.invalidate)

    def forget(self):
        """Drop the map entirely, good or not (tests, whose database empties between
        them; never needed in a running site)."""
        with self._lock:
            self.__init__()

    @contextmanager
    def one_map_per_request(self):
        """Serve one request from one map: checked for changes once as it starts, not at
        each of its dozen lookups (a Redis round trip each where the check interval is 0,
        as in the tests). A change made by the request itself still reloads the map."""
        self._refresh_if_stale()
        token = _checked_for_this_request.set(True)
        try:
            yield
        finally:
            _checked_for_this_request.reset(token)

    def _refresh_if_stale(self):
        if self._loaded and _checked_for_this_request.get():
            return
        now = time.monotonic()
        if self._loaded and now - self._checked_at < settings.TENANT_REGISTRY_CHECK_SECONDS:
            return
        if now < self._retry_at:
            return  # a load failed moments ago: serve the last good map until the retry
        with self._lock:
            if self._loaded and now - self._checked_at < settings.TENANT_REGISTRY_CHECK_SECONDS:
                return
            if now < self._retry_at:
                return
            try:
                version = cache.get(VERSION_KEY)
                reachable = True
            except Exception:
                version, reachable = None, False
            if self._loaded and reachable and version == self._version:
                self._checked_at = now
                return
            try:
                self._load()
            except RegistryUnavailable as problem:
                self._failed(now, problem)
                return
            if self._failures:
                logger.warning("Portal registry loaded again after %d failed attempts", self._failures)
            self._failures, self._retry_at = 0, 0.0
            self._version = version
            self._checked_at = now

    def _failed(self, now: float, problem):
        """Keep what we have (if anything), try again soon, and say so, not too often."""
        self._failures += 1
        self._retry_at = now + RETRY_SECONDS[min(self._failures, len(RETRY_SECONDS)) - 1]
        if self._good:
            self._loaded, self._checked_at = True, now  # go on serving the last good map
        if now - self._logged_at >= LOG_EVERY_SECONDS:
            self._logged_at = now
            logger.warning(
                "Portal registry not reloaded (%s); %s; attempt %d, next in %.1f s",
                problem,
                f"serving the last good map of {len(self._by_id)} portals" if self._good else "no portal is served yet",
                self._failures,
                self._retry_at - now,
            )

    def _load(self):
        with unscoped():  # the map serves every portal, whoever's request loads it
            self._load_all()

    def _load_all(self):
        from wagtail.models import Collection, Page

        from .models import Tenant, TenantAlias

        try:
            tenants = list(
                Tenant.objects.select_related("site").only(
                    "id",
                    "slug",
                    "name",
                    "level",
                    "parent_id",
                    "hostname",
                    "is_active",
                    "collection_id",
                    "site__id",
                    "site__port",
                    "site__site_name",
                    "site__root_page_id",
                )
            )
            aliases = list(TenantAlias.objects.values_list("hostname", "tenant__hostname"))
            root_keys = {t.site.root_page_id: None for t in tenants}
            for page_id, key in Page.objects.filter(id__in=root_keys).values_list("id", "translation_key"):
                root_keys[page_id] = key
            paths_by_key, languages = {}, {}
            homes = Page.objects.filter(translation_key__in=root_keys.values(), depth=2)
            for key, path, language in homes.values_list("translation_key", "path", "locale__language_code"):
                paths_by_key.setdefault(key, []).append(path)
                languages[path] = language
            collection_paths = list(Collection.objects.values_list("id", "path"))
        except DatabaseError as error:  # unreachable, or no tables yet (before the first migrate)
            raise RegistryUnavailable(f"database: {error.__class__.__name__}") from error
        if not tenants and self._good and self._by_id:
            raise RegistryUnavailable("the database answered with no portal at all")
        by_host = {
            t.hostname: TenantRecord(
                id=t.id,
                slug=t.slug,
                name=t.name,
                level=t.level,
                parent_id=t.parent_id,
                hostname=t.hostname,
                is_active=t.is_active,
                archived_at=t.archived_at,
                site_id=t.site.id,
                site_port=t.site.port,
                site_name=t.site.site_name,
                root_page_id=t.site.root_page_id,
                collection_id=t.collection_id,
                root_paths=tuple(sorted(paths_by_key.get(root_keys.get(t.site.root_page_id), []))),
                home_languages=tuple(
                    (path, languages[path]) for path in sorted(paths_by_key.get(root_keys.get(t.site.root_page_id), []))
                ),
            )
            for t in tenants
        }
        self._by_host = by_host
        self._by_slug = {record.slug: record for record in by_host.values()}
        self._by_id = {record.id: record for record in by_host.values()}
        self._by_root_path = {path: record for record in by_host.values() for path in record.root_paths}
        self._alias_to_host = dict(aliases)
        self._collections, self._collection_owner = _collections_by_portal(tenants, collection_paths)
        self._loaded = self._good = True


def _collections_by_portal(tenants, collection_paths):
    """Each portal's collection and the collections below it, by tree path."""
    path_of = dict(collection_paths)
    top_paths = {path_of[t.collection_id]: t.id for t in tenants if t.collection_id in path_of}
    by_portal: dict[int, list[int]] = {}
    owner: dict[int, int] = {}
    for collection_id, path in collection_paths:
        for length in range(len(path), 0, -1):  # the nearest portal collection above (or at) it
            tenant_id = top_paths.get(path[:length])
            if tenant_id is not None:
                by_portal.setdefault(tenant_id, []).append(collection_id)
                owner[collection_id] = tenant_id
                break
    return {k: tuple(sorted(v)) for k, v in by_portal.items()}, owner


registry = TenantRegistry()
