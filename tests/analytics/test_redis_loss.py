"""Redis loses its data (a restart without persistence): readers stay the same readers,
the day's unique visitors go on from where they were, views kept in SQL meanwhile
are told apart by visitor, and nothing identifying outlives two days."""

from datetime import UTC, date, datetime, timedelta

import redis
from django.conf import settings

from analytics import visitors
from analytics.flush import flush_all, forget_old_visitors
from analytics.models import DailySalt, PendingView, PortalDayStats
from analytics.periods import periods_of
from analytics.recorder import recorder
from tests.analytics.conftest import BROWSERS, views_shown, visit
from tests.factories import redis_down

ARTICLE = "/tin-tuc/giam-sat-chi-thi-24-ct-tu/"


def browser(n):
    return (f"203.0.113.{n % 250}", f"Mozilla/5.0 (Linux; Android 13) Chrome/120.{n} Mobile Safari/537.36")


def lose_redis_data():
    client = redis.Redis.from_url(settings.REDIS_URL)
    for key in client.scan_iter(match=f"{settings.REDIS_KEY_PREFIX}:*", count=1000):
        if b":celery:" not in key:
            client.delete(key)


def another_process():
    """A worker that has not cached the day's salt yet."""
    visitors._salts.clear()


def today():
    return date.fromisoformat(periods_of(datetime.now(UTC)).day)


def test_every_process_hashes_a_reader_alike_after_redis_lost_its_data(portals):
    environ = {"REMOTE_ADDR": BROWSERS[0][0], "HTTP_USER_AGENT": BROWSERS[0][1]}
    another_process()
    before = recorder().visitor_for(portals[1].id, environ)
    lose_redis_data()
    another_process()
    assert recorder().visitor_for(portals[1].id, environ) == before
    assert DailySalt.objects.filter(day=today()).count() == 1


def test_the_days_unique_visitors_go_on_after_redis_lost_its_data(portals):
    dateh = portals[1].id
    for n in range(5):
        visit("dateh.test", ARTICLE, browser(n))
    flush_all(recorder())
    assert PortalDayStats.objects.get(tenant_id=dateh, day=today()).unique_visitors == 5
    lose_redis_data()
    another_process()
    visit("dateh.test", ARTICLE, browser(0))  # a reader seen before the loss
    visit("dateh.test", ARTICLE, browser(9))  # a new one
    flush_all(recorder())
    assert PortalDayStats.objects.get(tenant_id=dateh, day=today()).unique_visitors == 6
    flush_all(recorder())  # merging the stored sketch again changes nothing
    assert PortalDayStats.objects.get(tenant_id=dateh, day=today()).unique_visitors == 6
    cattien = PortalDayStats.objects.filter(tenant_id=portals[2].id, day=today()).first()
    assert cattien is None or cattien.unique_visitors == 0


def test_views_kept_while_redis_was_down_count_reloads_once(portals, monkeypatch):
    from analytics import recorder as recorder_module

    visit("dateh.test", ARTICLE, browser(1))  # cached, and the salt is known
    redis_down(monkeypatch)
    for _ in range(3):  # one reader reloading
        visit("dateh.test", ARTICLE, browser(2))
    visit("dateh.test", ARTICLE, browser(3))
    kept = list(PendingView.objects.values_list("visitor", flat=True))
    assert len(kept) == 4 and all(kept) and len(set(kept)) == 2
    monkeypatch.undo()
    assert flush_all(recorder_module.recorder())["replayed"] == 4
    assert views_shown(visit("dateh.test", ARTICLE, browser(1))[2]) == 3  # 1, 2 and 3, once each


def test_salts_and_sketches_are_forgotten_after_two_days(portals):
    visit("dateh.test", ARTICLE, browser(1))
    flush_all(recorder())
    old = today() - timedelta(days=3)
    DailySalt.objects.create(day=old, salt="0" * 32)
    PortalDayStats.objects.create(tenant_id=portals[1].id, day=old, unique_visitors=7, visitor_sketch=b"HYLL")
    forget_old_visitors(today())
    assert not DailySalt.objects.filter(day=old).exists()
    kept = PortalDayStats.objects.get(tenant_id=portals[1].id, day=old)
    assert kept.unique_visitors == 7 and kept.visitor_sketch is None
    assert PortalDayStats.objects.get(tenant_id=portals[1].id, day=today()).visitor_sketch is not None
