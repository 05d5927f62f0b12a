"""What readers and operators get when the database or Redis stops answering."""

import json
import logging
import time

import pytest

import core.wsgi  # noqa: F401 - sets Django up (and its logging) before caplog attaches
from tenants.provisioning import TenantSpec, provision_tenant
from tenants.registry import registry
from tests.core.test_page_cache import wsgi_get

from .outages import database_down, dead_redis


def test_portals_and_their_cached_pages_survive_a_database_outage(province, publish, caplog):
    publish(province)
    wsgi_get("lamdong.test", "/")
    assert wsgi_get("lamdong.test", "/")[1]["X-Cache"] == "HIT"
    registry.invalidate()  # a portal change was announced: this process must reload
    with caplog.at_level(logging.WARNING, logger="tenants.registry"), database_down():
        status, headers, _ = wsgi_get("lamdong.test", "/")
        assert status == 200 and headers["X-Cache"] == "HIT"  # the last good map is kept
        assert "Portal registry not reloaded" in caplog.text
    # The database is back: a portal made now is served without a restart.
    time.sleep(0.6)  # the first retry after a failed load
    provision_tenant(TenantSpec(name="Bảo Lâm", slug="baolam", hostname="baolam.test", parent="lamdong"))
    assert registry.lookup("baolam.test")[0] is not None
    assert registry.lookup("lamdong.test")[0] is not None


def test_a_page_not_in_the_cache_gets_a_vietnamese_503_while_the_database_is_down(province, publish):
    publish(province)
    with database_down():
        status, headers, body = wsgi_get("lamdong.test", "/gioi-thieu/")
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert "Cổng thông tin tạm thời gián đoạn" in body and "Lâm Đồng" in body
    assert "Content-Security-Policy" in headers and headers["X-Content-Type-Options"] == "nosniff"


def test_an_unknown_host_gets_a_404_with_security_headers(db):
    status, headers, _ = wsgi_get("nowhere.test", "/")
    assert status == 404
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff" and "camera=()" in headers["Permissions-Policy"]


def test_healthz_says_when_redis_is_down(province, monkeypatch):
    assert json.loads(wsgi_get("lamdong.test", "/healthz")[2])["checks"]["redis"] == "ok"
    monkeypatch.setattr("core.views.get_redis_connection", lambda alias: dead_redis())
    status, _headers, body = wsgi_get("lamdong.test", "/healthz")
    checks = json.loads(body)["checks"]
    assert status == 503 and checks["redis"].startswith("error")


def test_a_missing_page_is_a_404_in_the_portals_look(province, publish):
    publish(province)
    status, headers, body = wsgi_get("lamdong.test", "/khong-co-trang-nay/")
    assert status == 404
    assert "Không tìm thấy trang" in body and "Lâm Đồng" in body and 'role="search"' in body
    assert "Content-Security-Policy" in headers


@pytest.fixture
def aof():
    """Switch AOF on the suite's Redis, and back to what it was afterwards."""
    from core.page_cache.store import page_store

    client = page_store().client
    before = client.config_get("appendonly")["appendonly"]
    yield lambda on: client.config_set("appendonly", "yes" if on else "no")
    client.config_set("appendonly", before)


def test_without_aof_healthz_and_the_deploy_check_warn_that_views_can_be_lost(province, aof):
    from analytics.persistence import check_redis_keeps_views

    aof(False)
    status, _headers, body = wsgi_get("lamdong.test", "/healthz")
    assert status == 200 and json.loads(body)["checks"]["redis_persistence"].startswith("off: views not yet flushed")
    [warning] = check_redis_keeps_views()
    assert warning.id == "analytics.W001" and "appendonly yes" in warning.hint
    aof(True)
    assert json.loads(wsgi_get("lamdong.test", "/healthz")[2])["checks"]["redis_persistence"] == "aof"
    assert check_redis_keeps_views() == []


def test_when_the_error_page_itself_fails_the_reader_still_gets_a_page(rf, monkeypatch):
    from core import errors

    def broken(*args, **kwargs):
        raise ValueError("Missing staticfiles manifest entry for 'core/portal.css'")

    monkeypatch.setattr(errors, "render_to_string", broken)
    response = errors.server_error(rf.get("/"))
    assert response.status_code == 500 and "Cổng thông tin tạm thời gặp lỗi" in response.content.decode()
