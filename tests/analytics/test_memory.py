"""Redis memory per portal stays bounded: what is no longer shown expires or is dropped."""

from datetime import UTC, datetime, timedelta

from django.conf import settings

from analytics.floors import seed_floors
from analytics.flush import flush_all, period_fields
from analytics.periods import periods_of
from analytics.recorder import recorder

DAYS = 45  # long enough to cross weeks and a month
THREE_DAYS = 3 * 24 * 3600
# Keys that may live without a TTL, and why each stays small:
PERSISTENT = {
    "f",  # floors: the total, one field per page, the current week/month/year
    "fver",  # one integer
    "on",  # visitors of the last 5 minutes; older ones are trimmed as views arrive
}


def record_day(rec, tenant_id, moment, visitors, pages):
    p = periods_of(moment)
    now = int(datetime.now(UTC).timestamp())
    for n in range(visitors):
        page = pages[n % len(pages)]
        rec._script(
            [
                rec.base(tenant_id), "1", f"{p.day}-visitor-{n}", str(page), now, p.day, p.week, p.month, p.year,
                settings.ANALYTICS_RELOAD_SECONDS, settings.ANALYTICS_VISIT_SECONDS, settings.ANALYTICS_ONLINE_SECONDS,
            ]
        )  # fmt: skip


def test_a_portals_keys_stay_bounded_over_weeks_of_views(dateh, cattien):
    rec = recorder()
    client = rec.client
    now = datetime.now(UTC)
    pages = {dateh.pk: [101, 102, 103], cattien.pk: [201, 202]}
    for tenant_id in pages:
        seed_floors(rec, tenant_id)
    for days_ago in range(DAYS, -1, -1):
        for tenant_id, its_pages in pages.items():
            record_day(rec, tenant_id, now - timedelta(days=days_ago), visitors=20, pages=its_pages)
        flush_all(rec)

    shown_periods = set(period_fields(now)[:3])
    for tenant_id, its_pages in pages.items():
        base = rec.base(tenant_id)
        keys = {key.decode()[len(base) :] for key in client.scan_iter(match=base + "*", count=1000)}
        assert not keys & {"d", "c", "cid"}, "a flush leaves no delta or claim behind"
        for key in keys - PERSISTENT:
            ttl = client.ttl(base + key)
            assert 0 < ttl <= THREE_DAYS, f"{key} would live for ever"
        floors = {field.decode() for field in client.hkeys(base + "f")}
        period_floors = {f for f in floors if f[:2] in ("w:", "m:", "y:")}
        assert period_floors <= shown_periods, f"past periods kept: {period_floors - shown_periods}"
        assert floors - period_floors == {"seeded", "t", *(f"pv:{page}" for page in its_pages)}
        assert client.zcard(base + "on") <= 20 * (DAYS + 1)
    # Each portal's keys carry its own id: one portal's counters never reach another's.
    assert int(client.hget(rec.base(dateh.pk) + "f", "pv:101")) == len(range(0, 20, 3)) * (DAYS + 1)
    assert client.hget(rec.base(cattien.pk) + "f", "pv:101") is None
