"""Flushing Redis deltas into SQL: exactly once, whatever dies when."""

import contextlib
import random

import pytest
import redis
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from analytics.flush import FAULT_POINTS, flush_all
from analytics.models import FlushRecord, PageDayViews, PageViewTotal, PortalDayStats
from analytics.recorder import recorder
from core.models import NewsArticlePage, SupervisionReportPage
from tests.analytics.conftest import box, views_shown, visit

ARTICLE = "/tin-tuc/giam-sat-chi-thi-24-ct-tu/"


class Crash(BaseException):
    """Stands in for kill -9 between two steps: nothing after it runs."""


def crash_at(point):
    def crash(reached):
        if reached == point:
            raise Crash(point)

    return crash


def browser(n):
    return (f"203.0.113.{n % 250}", f"Mozilla/5.0 (Linux; Android 13) Chrome/120.{n} Mobile Safari/537.36")


def report_id():
    return SupervisionReportPage.objects.get(slug="giam-sat-chi-thi-24-ct-tu").pk


def sql_views():
    return sum(PageViewTotal.objects.filter(page_id=report_id()).values_list("views", flat=True))


def test_flush_moves_views_and_visits_to_sql_without_a_dip(portals):
    for n in range(5):
        visit("dateh.test", ARTICLE, browser(n))
    shown = views_shown(visit("dateh.test", ARTICLE, browser(0))[2])
    call_command("flush_analytics")
    assert sql_views() == 5
    day = PageDayViews.objects.get(page_id=report_id())
    assert day.views == 5
    stats = PortalDayStats.objects.get(tenant__slug="dateh", day=day.day)
    assert (stats.visits, stats.page_views, stats.unique_visitors) == (5, 5, 5)
    assert views_shown(visit("dateh.test", ARTICLE, browser(0))[2]) == shown == 5
    call_command("flush_analytics")  # nothing new: nothing changes
    assert sql_views() == 5


@pytest.mark.parametrize("point", FAULT_POINTS)
def test_a_flush_killed_at_any_step_neither_loses_nor_double_counts(portals, point):
    for n in range(4):
        visit("dateh.test", ARTICLE, browser(n))
    with pytest.raises(Crash):
        flush_all(recorder(), crash=crash_at(point))
    # Readers see the same number while the claim is pending.
    assert views_shown(visit("dateh.test", ARTICLE, browser(0))[2]) == 4
    visit("dateh.test", ARTICLE, browser(99))  # a view arriving meanwhile
    flush_all(recorder())
    flush_all(recorder())
    assert sql_views() == 5
    assert views_shown(visit("dateh.test", ARTICLE, browser(0))[2]) == 5


def test_many_random_crashes_keep_the_count_exact(portals):
    rng = random.Random(20261125)
    visit("dateh.test", ARTICLE, browser(1000))  # the reader who checks: counted once
    expected = 1
    for round_number in range(30):
        for _ in range(rng.randint(0, 4)):
            visit("dateh.test", ARTICLE, browser(1000 + expected))
            expected += 1
        point = rng.choice([*FAULT_POINTS, None])
        with contextlib.suppress(Crash):
            flush_all(recorder(), crash=crash_at(point) if point else None)
        shown = views_shown(visit("dateh.test", ARTICLE, browser(1000))[2])
        assert shown == expected, (round_number, point)
    flush_all(recorder())
    assert sql_views() == expected
    assert FlushRecord.objects.count() <= 60


def test_numbers_never_fall_below_sql_after_redis_loses_its_data(portals):
    for n in range(3):
        visit("dateh.test", ARTICLE, browser(n))
    flush_all(recorder())
    client = redis.Redis.from_url(settings.REDIS_URL)
    for key in client.scan_iter(match=f"{settings.REDIS_KEY_PREFIX}:*", count=1000):
        if b":celery:" not in key:
            client.delete(key)  # as after a restart without persistence
    html = visit("dateh.test", ARTICLE, browser(50))[2]
    assert views_shown(html) == 4
    assert box(html)["week"] == 4


def test_visit_baseline_carries_the_old_counter_over(portals):
    call_command(
        "set_visit_baseline",
        "--tenant",
        "dateh",
        "--total",
        "2587620",
        "--year",
        "576029",
        "--month",
        "92699",
        "--week",
        "3950",
    )
    shown = box(visit("dateh.test", "/")[2])
    assert shown == {"total": "002587621", "online": 1, "week": 3951, "month": 92700, "year": 576030}
    assert box(visit("cattien.test", "/")[2])["total"] == "000000001"


@pytest.mark.parametrize(
    "args",
    [
        ["--tenant", "nope", "--total", "5"],
        ["--tenant", "dateh", "--total", "-5"],
        ["--tenant", "dateh", "--total", "10", "--year", "20"],
    ],
)
def test_visit_baseline_refuses_bad_input(portals, args):
    with pytest.raises(CommandError):
        call_command("set_visit_baseline", *args)


def test_shards_split_the_flush_between_tasks_and_together_flush_everything(portals, settings):
    """At country scale beat sends one flush per shard (portal id modulo N): each flushes
    only its own portals, and all of them together everything, once."""
    from tenants.models import Tenant

    hosts = {"dateh": "dateh.test", "cattien": "cattien.test"}
    pages = {slug: NewsArticlePage.objects.live().filter(url_path__startswith=f"/{slug}/").first() for slug in hosts}
    for slug, page in pages.items():
        for n in range(3):
            visit(hosts[slug], "/" + page.url_path.split("/", 2)[2], browser(n))
    ids = {slug: Tenant.objects.get(slug=slug).pk for slug in hosts}
    # The smallest number of shards that puts the two portals in different shards.
    shards = next(n for n in range(2, 20) if len({pk % n for pk in ids.values()}) == 2)

    def flushed(slug):
        return sum(PageViewTotal.objects.filter(page_id=pages[slug].pk).values_list("views", flat=True))

    first, second = sorted(ids, key=lambda slug: ids[slug] % shards)
    result = flush_all(recorder(), shard=ids[first] % shards, shards=shards)
    assert (flushed(first), flushed(second)) == (3, 0)
    assert result["portals"] == sum(1 for t in Tenant.objects.all() if t.pk % shards == ids[first] % shards)
    flush_all(recorder(), shard=ids[second] % shards, shards=shards)
    flush_all(recorder(), shard=ids[second] % shards, shards=shards)  # twice: nothing more
    assert (flushed(first), flushed(second)) == (3, 3)
    assert [entry["args"] for name, entry in settings.CELERY_BEAT_SCHEDULE.items() if name.startswith("flush-")] == [
        (0, 1)
    ]
