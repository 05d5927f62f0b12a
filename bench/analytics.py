"""Analytics costs (issue 7), on the PostgreSQL and Redis servers of this machine.

record   counting one view (the Lua script: view, visit, unique, online, periods)
         against a raw redis-py GET on the same connection, interleaved rounds
flush    1,000,000 views over 10,000 pages into SQL, and the same views over
         1,000 pages, and 100,000 views over 10,000 pages: the cost follows pages
hll      unique-visitor estimates for 10^4, 10^5 and 10^6 synthetic visitors

  .venv/bin/python bench/analytics.py
"""

import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness

GOALS = {"record/get": 1.5, "flush_1m_10k_s": 30.0, "hll_error_pct": 2.0}


def main():
    env, _seed_seconds = harness.prepare("--tenants", "1", static=False)
    os.environ.update(
        {
            k: v
            for k, v in env.items()
            if k not in os.environ or k.startswith(("DJANGO", "DATABASE", "REDIS", "SECRET", "VAR"))
        }
    )
    sys.path.insert(0, str(harness.ROOT))
    import django

    django.setup()
    result = {
        "benchmark": "analytics",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "make bench-analytics  (.venv/bin/python bench/analytics.py)",
        "machine": harness.machine(),
        "record": bench_record(rounds=harness.size(7, 1), n=harness.size(3000, 100)),
        "flush": bench_flush(),
        "hll": bench_hll(),
    }
    result["goals"] = GOALS
    result["goals_met"] = {
        "record/get": result["record"]["ratio_median"] <= GOALS["record/get"],
        "flush_1m_10k_s": result["flush"]["1m_views_10k_pages_s"] <= GOALS["flush_1m_10k_s"],
        "hll_error_pct": all(abs(r["error_pct"]) <= GOALS["hll_error_pct"] for r in result["hll"]),
    }
    path = harness.write_result("analytics", result)
    harness.update_doc_section("analytics", doc_section(result))
    print(result["goals_met"], f"written to {path}")


def bench_record(rounds=7, n=3000):
    from analytics.recorder import recorder

    rec = recorder()
    client = rec.client
    client.set(f"{rec.prefix}:bench:get", b"x" * 100)
    tenant_id = 1
    ratios, gets, records = [], [], []
    counter = 0
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(n):
            client.get(f"{rec.prefix}:bench:get")
        get_s = time.perf_counter() - started
        started = time.perf_counter()
        for _ in range(n):
            counter += 1  # a new visitor each time: the most work a view can cost
            rec._script(rec.script_args(tenant_id, True, f"v{counter:012d}", 42))
        record_s = time.perf_counter() - started
        gets.append(get_s / n * 1e6)
        records.append(record_s / n * 1e6)
        ratios.append(record_s / get_s)
    return {
        "per_round_n": n,
        "rounds": rounds,
        "get_us_median": round(statistics.median(gets), 1),
        "record_us_median": round(statistics.median(records), 1),
        "ratio_median": round(statistics.median(ratios), 3),
    }


def bench_flush():
    from analytics.flush import flush_portal
    from analytics.models import PageDayViews, PageViewTotal, PortalDayStats
    from analytics.periods import periods_of
    from analytics.recorder import recorder
    from tenants.models import Tenant

    rec = recorder()
    tenant = Tenant.objects.get(slug="dateh")
    p = periods_of(datetime.now(UTC))

    def load(views, pages):
        per_page = views // pages
        mapping = {}
        for page in range(1, pages + 1):
            mapping[f"pv:{1_000_000 + page}"] = per_page
            mapping[f"pd:{1_000_000 + page}:{p.day}"] = per_page
        mapping.update({f"p:{p.day}": views, f"v:{p.day}": views // 3, "t": views // 3, f"w:{p.week}": views // 3})
        client = rec.client
        base = rec.base(tenant.pk)
        for start in range(0, len(mapping), 5000):
            client.hset(base + "d", mapping=dict(list(mapping.items())[start : start + 5000]))
        started = time.perf_counter()
        flushed = flush_portal(rec, tenant.pk)
        elapsed = time.perf_counter() - started
        assert flushed == views, (flushed, views)
        return round(elapsed, 2)

    out = {
        "1m_views_10k_pages_s": load(harness.size(1_000_000, 2_000), harness.size(10_000, 200)),
        # now every row exists: updates
        "1m_views_10k_pages_again_s": load(harness.size(1_000_000, 2_000), harness.size(10_000, 200)),
        "1m_views_1k_pages_s": load(harness.size(1_000_000, 2_000), harness.size(1_000, 20)),
        "100k_views_10k_pages_s": load(harness.size(100_000, 200), harness.size(10_000, 200)),
    }
    out["rows"] = {
        "page_totals": PageViewTotal.objects.filter(tenant=tenant).count(),
        "page_days": PageDayViews.objects.filter(tenant=tenant).count(),
        "portal_days": PortalDayStats.objects.filter(tenant=tenant).count(),
    }
    return out


def bench_hll():
    from analytics.recorder import recorder

    client = recorder().client
    out = []
    for exact in harness.size((10_000, 100_000, 1_000_000), (10_000,)):
        key = f"{recorder().prefix}:bench:hll:{exact}"
        client.delete(key)
        for start in range(0, exact, 10_000):
            client.pfadd(key, *(f"visitor-{n:08x}" for n in range(start, min(exact, start + 10_000))))
        estimate = client.pfcount(key)
        client.delete(key)
        out.append({"exact": exact, "estimate": estimate, "error_pct": round((estimate - exact) * 100 / exact, 3)})
    return out


def doc_section(d):
    r, f, m = d["record"], d["flush"], d["machine"]
    hll = "\n".join(f"| {x['exact']:,} | {x['estimate']:,} | {x['error_pct']}% |" for x in d["hll"])
    return f"""## Analytics: counting, flushing, unique visitors

`make bench-analytics` (`.venv/bin/python bench/analytics.py`), Redis and PostgreSQL on this
machine, run of {d["when"]}.

Counting a view (one Lua script: page view, reload guard, visit, unique visitor, online
set, period counters) costs **{r["record_us_median"]} µs** against **{r["get_us_median"]} µs** for a raw
redis-py GET on the same connection: **{r["ratio_median"]}x** (median of {r["rounds"]} interleaved rounds
of {r["per_round_n"]:,}; goal ≤ {d["goals"]["record/get"]}x). Every view here is a new visitor, the most work a view costs.

Flushing into SQL (claim, one transaction, release):

| delta | seconds |
| --- | ---: |
| 1,000,000 views over 10,000 pages (new rows) | {f["1m_views_10k_pages_s"]} |
| 1,000,000 views over 10,000 pages (existing rows) | {f["1m_views_10k_pages_again_s"]} |
| 1,000,000 views over 1,000 pages | {f["1m_views_1k_pages_s"]} |
| 100,000 views over 10,000 pages | {f["100k_views_10k_pages_s"]} |

Goal: 1,000,000 views over 10,000 pages in under {d["goals"]["flush_1m_10k_s"]:.0f} s; the cost follows the number
of distinct pages, not of views.

Unique visitors (HyperLogLog), goal within ±{d["goals"]["hll_error_pct"]}%:

| visitors | estimate | error |
| ---: | ---: | ---: |
{hll}

The page cache benchmark above (T) counts every view it serves.
Machine: {m["cpu_count"]} cores, Python {m["python"]}, PostgreSQL {m["postgresql"]}.
"""


if __name__ == "__main__":
    main()
