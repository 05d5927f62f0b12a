"""Counting views: exact, live on cached pages, private, one Redis round trip."""

import pytest
import redis
from django.conf import settings
from django.contrib.auth import get_user_model

from analytics.models import PendingView
from core.page_cache import store as store_module
from tests.analytics.conftest import BROWSERS, GOOGLEBOT, box, views_shown, visit
from tests.factories import redis_down

ARTICLE = "/tin-tuc/giam-sat-chi-thi-24-ct-tu/"


def test_three_browsers_count_three_and_a_reload_counts_none(portals):
    before = views_shown(visit("dateh.test", ARTICLE)[2])  # browser 0: its first view
    assert before == 1
    for browser in BROWSERS[1:]:
        visit("dateh.test", ARTICLE, browser)
    _status, headers, html = visit("dateh.test", ARTICLE, BROWSERS[0])  # a reload
    assert headers["X-Cache"] == "HIT"
    assert views_shown(html) == 3


@pytest.mark.parametrize(
    ("method", "extra"),
    [
        ("GET", {"HTTP_USER_AGENT": GOOGLEBOT}),
        ("GET", {"HTTP_USER_AGENT": ""}),
        ("HEAD", {}),
        ("GET", {"HTTP_SEC_PURPOSE": "prefetch"}),
        ("GET", {"HTTP_PURPOSE": "prefetch"}),
    ],
)
def test_bots_head_and_prefetches_are_not_counted(portals, method, extra):
    visit("dateh.test", ARTICLE)  # cache it, 1 view
    for _ in range(2):
        visit("dateh.test", ARTICLE, BROWSERS[1], method=method, extra=extra)
    assert views_shown(visit("dateh.test", ARTICLE, BROWSERS[0])[2]) == 1


def test_not_found_is_not_counted_and_pages_count_separately(portals):
    visit("dateh.test", "/khong-co/")
    html = visit("dateh.test", ARTICLE)[2]
    assert views_shown(html) == 1
    assert box(html)["week"] == 1  # one visit: the 404 started none


def test_logged_in_editors_are_not_counted(client, portals):
    user = get_user_model().objects.create_user("bt", password="x")
    client.force_login(user)
    for _ in range(2):
        client.get(ARTICLE, HTTP_HOST="dateh.test", REMOTE_ADDR="192.0.2.1", HTTP_USER_AGENT=BROWSERS[2][1])
    assert views_shown(visit("dateh.test", ARTICLE)[2]) == 1


def test_statistics_box_is_live_on_a_cached_page(portals):
    first = box(visit("dateh.test", "/")[2])
    _status, headers, html = visit("dateh.test", "/", BROWSERS[1])
    assert headers["X-Cache"] == "HIT"
    second = box(html)
    assert second["week"] == first["week"] + 1
    assert second["online"] == 2
    assert len(second["total"]) == 9 and second["total"].isdigit()


def test_portals_count_apart(portals):
    visit("dateh.test", "/")
    visit("dateh.test", "/", BROWSERS[1])
    assert box(visit("cattien.test", "/")[2])["week"] == 1


def test_a_hit_costs_one_redis_round_trip(portals, monkeypatch):
    visit("dateh.test", ARTICLE)
    visit("dateh.test", ARTICLE, BROWSERS[1])  # the day's salt is now cached in-process
    client = store_module.page_store().client
    calls = []
    original = client.execute_command

    def counting(*args, **kwargs):
        calls.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(client, "execute_command", counting)
    _status, headers, html = visit("dateh.test", ARTICLE, BROWSERS[2])
    assert headers["X-Cache"] == "HIT" and views_shown(html) == 3
    assert calls == ["EVALSHA"], calls


def test_no_raw_address_or_user_agent_is_stored(portals):
    for browser in BROWSERS:
        visit("dateh.test", ARTICLE, browser)
    client = redis.Redis.from_url(settings.REDIS_URL)
    secrets = [b"203.0.113.10", b"198.51.100.7", b"Firefox/121.0", b"iPhone"]
    for key in client.scan_iter(match=f"{settings.REDIS_KEY_PREFIX}:an:*", count=1000):
        kind = client.type(key)
        if kind == b"hash":
            blob = b"".join(k + v for k, v in client.hgetall(key).items())
        elif kind == b"zset":
            blob = b"".join(client.zrange(key, 0, -1))
        elif kind == b"string":
            blob = client.get(key)  # HyperLogLogs are strings too: registers, not members
        else:
            blob = b""
        for secret in secrets:
            assert secret not in key and secret not in blob, (key, secret)
    for view in PendingView.objects.all():
        assert "203.0.113" not in view.visitor


def test_redis_down_serves_pages_and_keeps_views_for_later(portals, monkeypatch):
    from analytics import recorder as recorder_module
    from analytics.flush import flush_all

    redis_down(monkeypatch)
    status, _headers, html = visit("dateh.test", ARTICLE)
    assert status == 200 and "Lượt xem: 0" in html
    assert PendingView.objects.count() == 1
    monkeypatch.undo()
    result = flush_all(recorder_module.recorder())
    assert result["replayed"] == 1 and PendingView.objects.count() == 0
    assert views_shown(visit("dateh.test", ARTICLE, BROWSERS[1])[2]) == 2
