"""Shared fixtures. The suite runs against real servers: the PostgreSQL and Redis that
DATABASE_URL / REDIS_URL name (CI), or SQLite and a private embedded Redis started here
for this run only. A server that does not answer stops the run with a clear message:
the suite fails loudly rather than skip."""

import contextlib

import pytest
import redis
from django.conf import settings
from django.core.cache import cache

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


@pytest.fixture
def province(db):
    return provision_tenant(TenantSpec(name="Lâm Đồng", slug="lamdong", hostname="lamdong.test")).tenant


@pytest.fixture
def dateh(province):
    return provision_tenant(
        TenantSpec(name="Đạ Tẻh", slug="dateh", hostname="dateh.test", parent="lamdong", aliases=["www.dateh.test"])
    ).tenant


@pytest.fixture
def cattien(province):
    return provision_tenant(
        TenantSpec(name="Cát Tiên", slug="cattien", hostname="cattien.test", parent="lamdong")
    ).tenant


@pytest.fixture
def publish():
    """Publish a portal's home page so the public site serves it."""

    def _publish(tenant):
        home = tenant.home_page.specific
        home.save_revision().publish()
        return home

    return _publish


@pytest.fixture
def demo_province(province, dateh, cattien):
    """The province, Đạ Tẻh and Cát Tiên with their sections, the provincial directives,
    and the real Đạ Tẻh supervision report on 24-CT/TU (as seed_demo builds them)."""
    from core.demo_content import fixture_article
    from core.demo_content.builder import build_district, build_province

    build_province(province, province.site.root_url)
    for district in (dateh, cattien):
        build_district(district, province.site.root_url, province, fixture_article())
    return province, dateh, cattien


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
