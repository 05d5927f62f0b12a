"""Move the live deltas from Redis into SQL, exactly once.

For each portal: claim the delta (RENAME, atomic, with a new flush id; a claim left
by a killed flush is picked up again with its old id), apply it in ONE transaction
that also records the flush id, then release it (add it to the floors and delete the
claim, atomically). Killed at any point, the next flush finishes the job: before the
commit it applies the same claim; after the commit the flush id is already recorded,
so it only releases. Nothing is lost, nothing is counted twice.
"""

import logging
import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F

from tenants.registry import registry

from .models import DailySalt, FlushRecord, PageDayViews, PageViewTotal, PendingView, PortalDayStats
from .periods import VIETNAM, periods_of

logger = logging.getLogger(__name__)

CLAIM_SCRIPT = """
local claimed = redis.call('GET', KEYS[3])
if claimed and redis.call('EXISTS', KEYS[2]) == 1 then return claimed end
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('SET', KEYS[3], ARGV[1])
return ARGV[1]
"""

RELEASE_SCRIPT = """
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
local seeded = redis.call('HEXISTS', KEYS[3], 'seeded') == 1
local claimed = redis.call('HGETALL', KEYS[1])
-- Floors keep only what is shown: the all-time total, page totals and the current
-- week, month and year (ARGV[2..4]); past periods' fields are dropped (ARGV[5..7]).
local current = {[ARGV[2]] = true, [ARGV[3]] = true, [ARGV[4]] = true}
if seeded then
  for i = 1, #claimed, 2 do
    local field = claimed[i]
    if field == 't' or current[field] or field:sub(1, 3) == 'pv:' then
      redis.call('HINCRBY', KEYS[3], field, tonumber(claimed[i + 1]))
    end
  end
end
redis.call('HDEL', KEYS[3], ARGV[5], ARGV[6], ARGV[7])
redis.call('INCR', KEYS[4])
redis.call('DEL', KEYS[1], KEYS[2])
return 1
"""

# Where a flush can die between two steps; `crash(point)` is called at each, so a test
# (or `flush_analytics --fault`) can kill it there.
FAULT_POINTS = ("after_claim", "after_commit")


def flush_all(recorder, crash=None, shard: int = 0, shards: int = 1) -> dict:
    """Flush every portal, or one shard of them (portal id modulo `shards`): at country
    scale beat sends one task per shard so several workers share the minute's work
    (ANALYTICS_FLUSH_SHARDS). Shard 0 also does the housekeeping. Returns counts for the
    log and the command."""
    replayed = replay_pending(recorder) if shard == 0 else 0
    portals = [record for record in registry.all() if record.id % shards == shard]
    views = sum(flush_portal(recorder, record.id, crash=crash) for record in portals)
    if shard == 0:
        FlushRecord.objects.filter(applied_at__lt=datetime.now(UTC) - timedelta(days=2)).delete()
        forget_old_visitors(date.fromisoformat(periods_of(datetime.now(UTC)).day))
    return {"views": views, "replayed": replayed, "portals": len(portals)}


def flush_portal(recorder, tenant_id: int, crash=None) -> int:
    client, base = recorder.client, recorder.base(tenant_id)
    keys = [base + "d", base + "c", base + "cid"]
    flush_id = client.register_script(CLAIM_SCRIPT)(keys=keys, args=[str(uuid.uuid4())])
    views = 0
    if flush_id:
        flush_id = flush_id.decode()
        if crash:
            crash("after_claim")
        claimed = {k.decode(): int(v) for k, v in client.hgetall(base + "c").items()}
        views = sum(v for k, v in claimed.items() if k.startswith("p:"))
        apply(tenant_id, flush_id, claimed)
        if crash:
            crash("after_commit")
        client.register_script(RELEASE_SCRIPT)(
            keys=[base + "c", base + "cid", base + "f", base + "fver"], args=[flush_id, *period_fields()]
        )
    store_unique_visitors(client, base, tenant_id)
    return views


def period_fields(now: datetime | None = None) -> list[str]:
    """The floor fields of the current week, month and year, then of the previous ones."""
    now = now or datetime.now(UTC)
    current = periods_of(now)
    last_week = periods_of(now - timedelta(days=7))
    last_month = periods_of(now.astimezone(VIETNAM).replace(day=1) - timedelta(days=1))
    return [
        f"w:{current.week}", f"m:{current.month}", f"y:{current.year}",
        f"w:{last_week.week}", f"m:{last_month.month}", f"y:{int(current.year) - 1}",
    ]  # fmt: skip


def apply(tenant_id: int, flush_id: str, claimed: dict[str, int]) -> bool:
    """Add a claimed delta to SQL, once per flush id. False if it was applied before."""
    page_totals, page_days, portal_days = defaultdict(int), defaultdict(int), defaultdict(lambda: [0, 0])
    for field, value in claimed.items():
        kind, _, rest = field.partition(":")
        if kind == "pv":
            page_totals[int(rest)] += value
        elif kind == "pd":
            page, _, day = rest.partition(":")
            page_days[(int(page), date.fromisoformat(day))] += value
        elif kind == "v":
            portal_days[date.fromisoformat(rest)][0] += value
        elif kind == "p":
            portal_days[date.fromisoformat(rest)][1] += value
    try:
        with transaction.atomic():
            if FlushRecord.objects.filter(flush_id=flush_id).exists():
                return False
            FlushRecord.objects.create(flush_id=flush_id, tenant_id=tenant_id)
            _add_page_totals(tenant_id, page_totals)
            _add_page_days(tenant_id, page_days)
            _add_portal_days(tenant_id, portal_days)
    except IntegrityError:
        return False  # a concurrent flush applied this claim first
    return True


CHUNK = 900  # keeps IN lists and CASE statements within every database's limits


def _chunks(items):
    items = list(items)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _add_page_totals(tenant_id, totals):
    """Add views to page totals: read the existing rows once, update them in bulk,
    create the missing ones in bulk. Statements grow with pages / CHUNK, not views."""
    for page_ids in _chunks(totals):
        rows = list(PageViewTotal.objects.select_for_update().filter(tenant_id=tenant_id, page_id__in=page_ids))
        for row in rows:
            row.views += totals[row.page_id]
        PageViewTotal.objects.bulk_update(rows, ["views"], batch_size=CHUNK)
        existing = {row.page_id for row in rows}
        PageViewTotal.objects.bulk_create(
            PageViewTotal(tenant_id=tenant_id, page_id=p, views=totals[p]) for p in page_ids if p not in existing
        )


def _add_page_days(tenant_id, page_days):
    for keys in _chunks(page_days):
        wanted = set(keys)
        pages = {page for page, _ in keys}
        days = {day for _, day in keys}
        rows = [
            row
            for row in PageDayViews.objects.select_for_update().filter(
                tenant_id=tenant_id, page_id__in=pages, day__in=days
            )
            if (row.page_id, row.day) in wanted
        ]
        for row in rows:
            row.views += page_days[(row.page_id, row.day)]
        PageDayViews.objects.bulk_update(rows, ["views"], batch_size=CHUNK)
        existing = {(row.page_id, row.day) for row in rows}
        PageDayViews.objects.bulk_create(
            PageDayViews(tenant_id=tenant_id, page_id=p, day=d, views=page_days[(p, d)])
            for p, d in keys
            if (p, d) not in existing
        )


def _add_portal_days(tenant_id, portal_days):
    for day, (visits, page_views) in portal_days.items():
        row, _ = PortalDayStats.objects.get_or_create(tenant_id=tenant_id, day=day)
        PortalDayStats.objects.filter(pk=row.pk).update(
            visits=F("visits") + visits, page_views=F("page_views") + page_views
        )


MERGE_SKETCH_SCRIPT = """
redis.call('SET', KEYS[2], ARGV[1], 'EX', 60)
redis.call('PFMERGE', KEYS[1], KEYS[1], KEYS[2])
redis.call('DEL', KEYS[2])
redis.call('EXPIRE', KEYS[1], 259200)
return 1
"""
SKETCH_TTL = 259200  # as long as the day's HyperLogLog itself


def store_unique_visitors(client, base, tenant_id):
    """Unique visitors are not additive: store the day's HyperLogLog itself, and its count.

    Redis marks each day's sketch once it holds what SQL had (the ':m' key). A Redis
    that lost its data lost the mark too, so the stored sketch is merged back in (a
    union: merging twice changes nothing) and the day goes on from 715, not from 3."""
    today = date.fromisoformat(periods_of(datetime.now(UTC)).day)
    for day in (today, today - timedelta(days=1)):
        key = f"{base}u:{day.isoformat()}"
        if not client.exists(key + ":m"):
            stored = (
                PortalDayStats.objects.filter(tenant_id=tenant_id, day=day, visitor_sketch__isnull=False)
                .values_list("visitor_sketch", flat=True)
                .first()
            )
            if stored:
                client.register_script(MERGE_SKETCH_SCRIPT)(keys=[key, key + ":tmp"], args=[bytes(stored)])
            client.set(key + ":m", "1", ex=SKETCH_TTL)
        with client.pipeline(transaction=False) as pipe:
            pipe.pfcount(key)
            pipe.get(key)
            count, sketch = pipe.execute()
        if count:
            PortalDayStats.objects.update_or_create(
                tenant_id=tenant_id, day=day, defaults={"unique_visitors": count, "visitor_sketch": sketch}
            )


def forget_old_visitors(today: date) -> None:
    """After two days no visitor can be re-identified: the salt and the sketches go."""
    cutoff = today - timedelta(days=2)
    DailySalt.objects.filter(day__lt=cutoff).delete()
    PortalDayStats.objects.filter(day__lt=cutoff, visitor_sketch__isnull=False).update(visitor_sketch=None)


REPLAY_SCRIPT = """
if not redis.call('SET', KEYS[1], '1', 'EX', 172800, 'NX') then return 0 end
return 1
"""


def replay_pending(recorder) -> int:
    """Views kept in SQL while Redis was down, recorded now (each once: its event id
    is remembered in Redis for two days)."""
    replayed = 0
    guard = recorder.client.register_script(REPLAY_SCRIPT)
    for view in PendingView.objects.order_by("occurred_at")[:10_000]:
        if guard(keys=[f"{recorder.prefix}:an:ev:{view.event_id}"]):
            at = int(view.occurred_at.timestamp())
            recorder._script(
                args=recorder.script_args(view.tenant_id, True, view.visitor or view.event_id, view.page_id, at=at)
            )
            replayed += 1
        view.delete()
    return replayed
