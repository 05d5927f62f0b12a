"""Shared fixtures. The suite runs against real servers: the PostgreSQL and Redis that
DATABASE_URL / REDIS_URL name (CI), or SQLite and a private embedded Redis started here
for this run only. A server that does not answer stops the run with a clear message:
the suite fails loudly rather than skip."""

import contextlib

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from tenants.hosts import RegisteredHosts
from tenants.provisioning import TenantSpec, provision_tenant
from tenants.registry import registry

_embedded_redis = None


def pytest_configure(config):
    global _embedded_redis
    # Django's test set-up snapshots ALLOWED_HOSTS into a plain list (and would query
    # the portal table to do it, before any test database exists); hand it a plain list
    # now and put the live, portal-following one back once set-up is done.
    settings.ALLOWED_HOSTS = list(settings.EXTRA_ALLOWED_HOSTS)
    if settings.TEST_EMBEDDED_REDIS_SOCKET:
        from core.embedded_redis import start

        _embedded_redis = start(settings.TEST_EMBEDDED_REDIS_SOCKET, persist=False, quiet=True)
    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        pytest.exit(f"Redis at REDIS_URL={settings.REDIS_URL} does not answer: {exc}", returncode=3)


def pytest_unconfigure(config):
    # Remove only this run's keys (cache, Celery broker and results): they all carry
    # its prefix, so a shared server and a running demo are left alone.
    with contextlib.suppress(redis.RedisError):
        client = redis.Redis.from_url(settings.REDIS_URL)
        for key in client.scan_iter(match=f"{settings.REDIS_KEY_PREFIX}:*", count=1000):
            client.delete(key)
    if _embedded_redis is not None:
        _embedded_redis.terminate()
        _embedded_redis.wait(timeout=10)


# The tests of these modules share one module-wide server under a fixed name (the
# cluster's database), so pytest-xdist must run each of them in one process; every other
# test goes wherever a process is free. xdist's own xdist_group mark cannot do it under
# pytest 9 (it renames node ids through an attribute pytest 9 no longer reads).
ONE_PROCESS_MODULES = ("tests/operations/test_cluster.py",)


def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class Scheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            module = nodeid.split("::", 1)[0]
            return module if module in ONE_PROCESS_MODULES else nodeid

    return Scheduling(config, log)


@pytest.fixture(scope="session", autouse=True)
def _portal_following_allowed_hosts(django_test_environment):
    settings.ALLOWED_HOSTS = RegisteredHosts()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Tenant ids repeat from test to test (each rolls back), so cached pages, cache
    # generations, view counters and the portal map must not survive one.
    registry.forget()
    cache.delete_pattern("*")
    client = redis.Redis.from_url(settings.REDIS_URL)
    for area in ("pagecache", "an"):  # cached pages, view counters
        for key in client.scan_iter(match=f"{settings.REDIS_KEY_PREFIX}:{area}:*", count=1000):
            client.delete(key)
    yield


def _province():
    return provision_tenant(TenantSpec(name="Lâm Đồng", slug="lamdong", hostname="lamdong.test")).tenant


def _dateh():
    return provision_tenant(
        TenantSpec(name="Đạ Tẻh", slug="dateh", hostname="dateh.test", parent="lamdong", aliases=["www.dateh.test"])
    ).tenant


def _cattien():
    return provision_tenant(
        TenantSpec(name="Cát Tiên", slug="cattien", hostname="cattien.test", parent="lamdong")
    ).tenant


def _build_demo():
    """The province, Đạ Tẻh and Cát Tiên with their sections, the provincial directives,
    and the real Đạ Tẻh supervision report on 24-CT/TU (as seed_demo builds them)."""
    from core.demo_content import fixture_article
    from core.demo_content.builder import build_district, build_province

    province = _province()
    districts = (_dateh(), _cattien())
    build_province(province, province.site.root_url)
    for district in districts:
        build_district(district, province.site.root_url, province, fixture_article())
    return (province, *districts)


# Building the demo province takes 1.5 s (SQLite) to 3 s (PostgreSQL), and about 200
# tests use it. It is built once, inside a transaction that each of those tests' own
# transaction nests in (as a savepoint that is rolled back), so every test still starts
# from the same demo and nothing one test writes reaches the next. Those tests are put
# one after another; the transaction is rolled back before any other test runs, and
# opened again (built anew) if a demo test comes after that, as it can when pytest-xdist
# hands a worker tests out of that order. Tests that need the demo committed (real
# servers, transactional_db) use demo_province_committed.
_SNAPSHOT = "_demo_snapshot"


class _Snapshot:
    atomic = None
    blocker = None
    slugs = ()

    def open(self, blocker):
        self.blocker = blocker
        with blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            self.slugs = [tenant.slug for tenant in _build_demo()]

    def close(self):
        if self.atomic is not None:
            with self.blocker.unblock():
                transaction.set_rollback(True)
                self.atomic.__exit__(None, None, None)
            self.atomic = None


_snapshot = _Snapshot()


def _wants_snapshot(item):
    return _SNAPSHOT in getattr(item, "fixturenames", ())


def _transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(item.fixturenames)
        or (marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    )


def _in_a_transaction(item):
    return not _transactional(item) and ("db" in item.fixturenames or item.get_closest_marker("django_db"))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    misplaced = [i.nodeid for i in items if _wants_snapshot(i) and _transactional(i)]
    if misplaced:
        raise pytest.UsageError(f"transactional tests must use demo_province_committed: {misplaced}")
    # pytest-django has put the tests that run in a transaction first; the demo's come
    # last among them, before the transactional ones (which empty the database).
    rest = [i for i in items if not _wants_snapshot(i)]
    cut = next((n for n, i in enumerate(rest) if not _in_a_transaction(i)), len(rest))
    items[:] = rest[:cut] + [i for i in items if _wants_snapshot(i)] + rest[cut:]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if not _wants_snapshot(item):
        _snapshot.close()
    elif _snapshot.atomic is None and _snapshot.blocker is not None:
        _snapshot.open(_snapshot.blocker)  # closed by an earlier test of this worker


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker):
    _snapshot.open(django_db_blocker)
    yield _snapshot
    _snapshot.close()


def _snapshot_tenants(request):
    from tenants.models import Tenant

    snapshot = request.getfixturevalue(_SNAPSHOT)
    by_slug = Tenant.objects.select_related("site").in_bulk(snapshot.slugs, field_name="slug")
    return tuple(by_slug[slug] for slug in snapshot.slugs)


@pytest.fixture
def demo_province(_demo_snapshot, db, request):
    """The demo province (province, Đạ Tẻh, Cát Tiên), fresh for each test."""
    return _snapshot_tenants(request)


@pytest.fixture
def demo_province_committed(transactional_db):
    """The same demo, built and committed for this test alone (servers in other threads or
    processes see it)."""
    return _build_demo()


# A test that uses the demo gets its portals from these too (provisioning them again
# would clash); any other test gets freshly provisioned ones.
def _demo_portal(request, position):
    if _wants_snapshot(request.node):
        return _snapshot_tenants(request)[position]
    if "demo_province_committed" in request.fixturenames:
        return request.getfixturevalue("demo_province_committed")[position]
    return None


@pytest.fixture
def province(db, request):
    return _demo_portal(request, 0) or _province()


@pytest.fixture
def dateh(province, request):
    return _demo_portal(request, 1) or _dateh()


@pytest.fixture
def cattien(province, request):
    return _demo_portal(request, 2) or _cattien()


@pytest.fixture
def publish():
    """Publish a portal's home page so the public site serves it."""

    def _publish(tenant):
        home = tenant.home_page.specific
        home.save_revision().publish()
        return home

    return _publish


@pytest.fixture
def sections():
    """The news index and directive index of a portal."""
    from core.models import DirectiveIndexPage, NewsIndexPage

    def _sections(tenant):
        root = tenant.site.root_page
        return (
            NewsIndexPage.objects.descendant_of(root).get(slug="tin-tuc"),
            DirectiveIndexPage.objects.descendant_of(root).get(slug="van-ban"),
        )

    return _sections
