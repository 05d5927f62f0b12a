"""Redis Sentinel: the platform configured with REDIS_SENTINELS (the page cache, the
counters, django-redis and the Celery broker all through it) keeps serving while the
primary is SIGKILLed under load, and every view is counted.

Debian's redis-server runs a primary and a replica (AOF on) and three sentinels on
loopback; bench/faults.py drives readers (each request a new reader), a Celery worker
flushing every half second, and counts in SQL afterwards."""

import os
from urllib.parse import urlsplit

import psycopg
import pytest

from bench import faults

DATABASE = "portal_bench_sentinel"

pytestmark = pytest.mark.slow


class Timing:
    before = 3.0  # seconds of load before the kill
    after = 8.0  # and after the sentinels name the new primary
    outage = 0.0


@pytest.fixture
def own_database(monkeypatch):
    server = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal"))
    monkeypatch.setenv("BENCH_DATABASE_URL", server._replace(path=f"/{DATABASE}").geturl())
    yield
    with psycopg.connect(server._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def test_the_primary_dies_under_load_and_the_platform_fails_over(tmp_path, own_database):
    env, _seconds = faults.harness.prepare("--tenants", "2", "--articles", "4")
    pages = faults.article_pages(env)

    result = faults.failover_scenario(env, tmp_path, pages, Timing)

    assert result["5xx_on_cached_pages"] == 0 and result["5xx_other"] == 0
    assert result["seconds_away"] < 10  # detection (1 s) and promotion
    assert result["seconds_to_cache_hits"] is not None and result["seconds_to_cache_hits"] <= 5
    assert result["worker_flushes_after_fault"] > 0  # the broker failed over too
    # Replication is asynchronous: a write the primary took in its last instant may not
    # have reached the replica. On loopback that is none or a handful, never more.
    assert result["views_sent"] > 1000
    assert 0 <= result["views_lost"] <= result["views_sent"] // 1000, result
