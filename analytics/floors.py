"""What SQL already holds, copied into Redis as the floor of every live number.

Seeded when missing (first use, or after Redis lost its data), so the live numbers
never fall below what has been flushed, without a SQL query on the hot path.
"""

from datetime import UTC, date, datetime, timedelta

from django.db.models import Sum

from tenants.scope_context import unscoped_function

from .models import PageViewTotal, PortalDayStats, VisitBaseline
from .periods import periods_of

SEED_SCRIPT = """
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
if redis.call('HEXISTS', KEYS[1], 'seeded') == 1 then return 1 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'seeded', '1', unpack(ARGV, 2))
return 1
"""


@unscoped_function  # seeds the counters every reader of the portal shares
def sql_floors(tenant_id: int, now: datetime | None = None) -> dict[str, int]:
    now = now or datetime.now(UTC)
    p = periods_of(now)
    today = date.fromisoformat(p.day)
    week_start = today - timedelta(days=today.weekday())
    days = PortalDayStats.objects.filter(tenant_id=tenant_id)
    baseline = VisitBaseline.objects.filter(tenant_id=tenant_id).first()

    def visits(query) -> int:
        return query.aggregate(n=Sum("visits"))["n"] or 0

    floors = {
        "t": visits(days) + (baseline.total if baseline else 0),
        f"y:{p.year}": visits(days.filter(day__year=today.year))
        + (baseline.year_visits if baseline and str(baseline.year) == p.year else 0),
        f"m:{p.month}": visits(days.filter(day__year=today.year, day__month=today.month))
        + (baseline.month_visits if baseline and baseline.month == p.month else 0),
        f"w:{p.week}": visits(days.filter(day__gte=week_start, day__lte=today))
        + (baseline.week_visits if baseline and baseline.week == p.week else 0),
    }
    for page_id, views in PageViewTotal.objects.filter(tenant_id=tenant_id).values_list("page_id", "views"):
        floors[f"pv:{page_id}"] = views
    return floors


def seed_floors(recorder, tenant_id: int) -> None:
    base = recorder.base(tenant_id)
    script = recorder.client.register_script(SEED_SCRIPT)
    for _ in range(5):  # a flush released in between: read SQL again
        version = (recorder.client.get(base + "fver") or b"0").decode()
        values = [str(v) for pair in sql_floors(tenant_id).items() for v in pair]
        if script(keys=[base + "f", base + "fver"], args=[version, *values]):
            return


def reseed(recorder, tenant_id: int) -> None:
    """Drop the floors so the next reader seeds them from SQL again (after a baseline)."""
    base = recorder.base(tenant_id)
    with recorder.client.pipeline() as pipe:
        pipe.delete(base + "f")
        pipe.incr(base + "fver")
        pipe.execute()


def forget_live_numbers(tenant_id: int, drop_counts: bool) -> None:
    """After a portal's SQL figures changed under it (a merge): drop its floors so the
    next read seeds them again from SQL. `drop_counts` also drops everything else the
    portal keeps in Redis (a portal that no longer exists)."""
    from .recorder import recorder

    live = recorder()
    client, base = live.client, live.base(tenant_id)
    if drop_counts:
        keys = list(client.scan_iter(match=base + "*", count=500))
        if keys:
            client.delete(*keys)
        return
    with client.pipeline() as pipe:
        pipe.delete(base + "f")
        pipe.incr(base + "fver")
        pipe.execute()
