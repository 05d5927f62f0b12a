"""The platform's metrics, in Prometheus' format, with prometheus-client.

Counted per request by operations.wsgi, cache hits included (they never reach Django):
requests by portal, status class and page cache outcome; latency by cache outcome;
seconds spent per portal (with the request count, each portal's mean latency). The
portal label only ever takes registered portals' slugs, so junk Host headers cannot
grow the number of series.

Read when scraped (PlatformCollector): the portal registry's freshness in the
answering process, the analytics flush lag and the views waiting in Redis and in SQL
(PendingView), the Celery queue length, the number of portals.

With several gunicorn workers, set PROMETHEUS_MULTIPROC_DIR to an empty folder for
each start (make demo does): every process writes its counters there and /metrics
adds them up, whichever process answers.
"""

import os
import time

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily

REQUESTS = Counter(
    "portal_http_requests_total",
    "Requests answered, by portal, status class and page cache outcome (HIT, STALE, MISS, BYPASS, NONE)",
    ["portal", "status", "cache"],
)
LATENCY = Histogram(
    "portal_http_request_duration_seconds",
    "Time to answer a request (to its first byte for streamed files), by page cache outcome",
    ["cache"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
PORTAL_SECONDS = Counter(
    "portal_http_request_seconds_total",
    "Seconds spent answering each portal's requests (divide by portal_http_requests_total for the mean)",
    ["portal"],
)
FRONT_CACHE_PURGES = Counter(
    "portal_front_cache_purges_total",
    "Page addresses a cache in front was told to drop, by backend and outcome (purged, failed, not_queued)",
    ["backend", "outcome"],
)

# Kombu's Redis transport keeps a queue's messages in one list per priority step.
PRIORITY_SUFFIXES = ("", "\x06\x163", "\x06\x166", "\x06\x169")


def observe(portal: str, status: int, cache: str, seconds: float) -> None:
    REQUESTS.labels(portal, f"{status // 100}xx", cache).inc()
    LATENCY.labels(cache).observe(seconds)
    PORTAL_SECONDS.labels(portal).inc(seconds)


class PlatformCollector:
    """Figures read at scrape time; a part that cannot be read is left out, and
    portal_metrics_errors says which (the scrape itself never fails)."""

    def collect(self):
        errors = GaugeMetricFamily("portal_metrics_errors", "1 where a part could not be read", labels=["part"])
        for part, read in (("registry", _registry), ("redis", _redis), ("database", _database)):
            try:
                yield from read()
                errors.add_metric([part], 0)
            except Exception:
                errors.add_metric([part], 1)
        yield errors


def _gauge(name, documentation, value):
    return GaugeMetricFamily(name, documentation, value=value)


def _registry():
    from tenants.registry import registry

    portals = len(registry.all())  # also refreshes a stale map, as a request would
    since = registry.seconds_since_confirmed()
    yield _gauge("portals", "Portals in the registry of the answering process", portals)
    yield _gauge(
        "portal_registry_age_seconds",
        "Seconds since the answering process last confirmed its portal map current",
        float("nan") if since is None else since,
    )
    yield _gauge("portal_registry_failed_loads", "Failed reloads of the portal map in a row", registry.failed_loads)


def _redis():
    from django.conf import settings
    from django.core.cache import cache

    from analytics.recorder import recorder
    from analytics.tasks import LAST_FLUSH_KEY
    from tenants.registry import registry

    last = cache.get(LAST_FLUSH_KEY)
    yield _gauge(
        "analytics_flush_lag_seconds",
        "Seconds since the last analytics flush finished",
        float("nan") if last is None else time.time() - last,
    )
    counting = recorder()
    with counting.client.pipeline(transaction=False) as pipe:
        for record in registry.all():
            base = counting.base(record.id)
            pipe.hgetall(base + "d")
            pipe.hgetall(base + "c")
        hashes = pipe.execute()
    waiting = sum(int(v) for fields in hashes for k, v in fields.items() if k.startswith(b"p:"))
    yield _gauge("analytics_unflushed_views", "Page views counted in Redis, not yet in SQL", waiting)
    queue = f"{settings.REDIS_KEY_PREFIX}:celery:celery"
    with counting.client.pipeline(transaction=False) as pipe:
        for suffix in PRIORITY_SUFFIXES:
            pipe.llen(queue + suffix)
        lengths = pipe.execute()
    yield _gauge("celery_queue_length", "Tasks waiting in the Celery queue", sum(lengths))


def _database():
    from analytics.models import PendingView

    yield _gauge(
        "analytics_pending_views",
        "Views kept in SQL while Redis was down, not yet replayed",
        PendingView.objects.count(),
    )


class _ThisProcess:
    """The default registry's metrics (one process: tests, a single-worker server)."""

    def collect(self):
        from prometheus_client import REGISTRY

        return REGISTRY.collect()


def scrape() -> tuple[bytes, str]:
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(_ThisProcess())
    registry.register(PlatformCollector())
    return generate_latest(registry), CONTENT_TYPE_LATEST
