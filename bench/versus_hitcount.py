"""Counted page views per second: ours against django-hitcount 1.3.5, one run (issue 7).

Two gunicorn servers with production settings and the same flags, on the same
PostgreSQL and Redis, loaded in interleaved rounds by wrk over the same portals' home
and article pages, every request a new reader (new address, no cookie):

  T  ours: the page cache's fast path, counting each view in one Redis round trip
  H  django-hitcount counting each view as its detail view does (bench/hitcount_peer);
     it counts inside the view, so the page is rendered (no full-page cache in front)

Counted views are read from each side's own counters before and after every run (our
Redis deltas, hitcount's hit_count table), so a request that was served but not
counted does not count for either. Goal: T at least 20x H.

    make bench-hitcount   (.venv/bin/python bench/versus_hitcount.py [--rounds 5] [--seconds 4])
"""

import argparse
import http.client
import json
import statistics
import sys
import tempfile
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import redis

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness
from page_cache import measure, targets_for, write_targets, wrk

GOAL = 20.0
PORTALS = ["lamdong", "dateh", "cattien", "dahuoai"]


def our_counted(client: redis.Redis, prefix: str) -> int:
    """Page views in our live deltas (nothing flushes them during the run)."""
    total = 0
    for key in client.scan_iter(match=f"{prefix}:an:*:d", count=1000):
        total += sum(int(v) for k, v in client.hgetall(key).items() if k.startswith(b"p:"))
    return total


def hitcount_counted(database_url: str) -> int:
    with psycopg.connect(database_url) as conn:
        return conn.execute("SELECT COALESCE(SUM(hits), 0) FROM hitcount_hit_count").fetchone()[0]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=harness.size(5, 1))
    parser.add_argument("--seconds", type=int, default=harness.size(4, 1))
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args(argv)

    env, _ = harness.prepare("--tenants", "4", "--articles", "20")
    peer_env = {"DJANGO_SETTINGS_MODULE": "hitcount_settings", "PYTHONPATH": str(Path(__file__).parent)}
    harness.manage({**env, **peer_env}, "migrate", "--noinput")  # hitcount's tables
    targets = targets_for(env, PORTALS)
    targets_file = write_targets(targets, Path(tempfile.mkdtemp(prefix="portal-bench-hitcount-")), "pages")
    client = redis.Redis.from_url(env["REDIS_URL"])
    flags = {"workers": 2, "threads": 4}

    def counted(name):
        if name == "T":
            return our_counted(client, env["REDIS_KEY_PREFIX"])
        return hitcount_counted(env["DATABASE_URL"])

    with ExitStack() as stack:
        ports = {
            "T": stack.enter_context(harness.gunicorn(env, **flags)),
            "H": stack.enter_context(harness.gunicorn(env, **flags, extra_env=peer_env)),
        }
        pids = {name: harness.server_pid(port) for name, port in ports.items()}
        print("Warming up …", flush=True)
        # Every page once (T caches it; both servers open their connections), then load.
        for port in ports.values():
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            for host, path, _ in targets:
                harness.timed_get(connection, host, path)
            wrk(port, targets_file, 3, args.connections)
        rounds = []
        for number in range(1, args.rounds + 1):
            row = {}
            for name in ("T", "H"):
                before = counted(name)
                run = measure(pids[name], ports[name], targets_file, args.seconds, args.connections)
                run["counted"] = counted(name) - before
                run["counted_per_s"] = round(run["counted"] / (run["duration_us"] / 1e6), 1)
                run["counted_share"] = round(run["counted"] / max(1, run["requests"]), 4)
                row[name] = run
            rounds.append(row)
            print(
                f"round {number}: "
                + ", ".join(
                    f"{k} {v['counted_per_s']:.0f} counted/s ({v['counted_share']:.0%})" for k, v in row.items()
                ),
                flush=True,
            )
    for row in rounds:
        for name, run in row.items():
            # Every request was a new reader: all of them must have been counted.
            if run["counted_share"] < 0.99:
                raise SystemExit(f"{name} counted only {run['counted_share']:.1%} of its requests: {run}")

    ratio = round(statistics.median(r["T"]["counted_per_s"] / r["H"]["counted_per_s"] for r in rounds), 1)
    summary = {
        name: {
            "counted_per_s_median": round(statistics.median(r[name]["counted_per_s"] for r in rounds), 1),
            "p50_ms_median": round(statistics.median(r[name]["p50_ms"] for r in rounds), 3),
            "p99_ms_median": round(statistics.median(r[name]["p99_ms"] for r in rounds), 3),
            "server_cpu_ms_per_request": round(
                statistics.median(r[name]["server_cpu_ms_per_request"] for r in rounds), 3
            ),
        }
        for name in ("T", "H")
    }
    result = {
        "benchmark": "hitcount",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "make bench-hitcount  (.venv/bin/python bench/versus_hitcount.py)",
        "rounds": args.rounds,
        "seconds_per_run": args.seconds,
        "connections": args.connections,
        "gunicorn": "2 gthread workers x 4 threads",
        "pages": len(targets),
        "machine": harness.machine() | {"django_hitcount": "1.3.5"},
        "summary": summary,
        "T/H_median_of_rounds": ratio,
        "goal": GOAL,
        "goal_met": ratio >= GOAL,
        "rounds_raw": rounds,
    }
    path = harness.write_result("hitcount", result)
    harness.update_doc_section("hitcount", doc_section(result))
    print(json.dumps({"T/H": ratio, "goal_met": result["goal_met"]}))
    print(f"Written to {path} and docs/performance.md")
    return 0


def doc_section(d: dict) -> str:
    rows = "\n".join(
        f"| {name} | {s['counted_per_s_median']} | {s['p50_ms_median']} | {s['p99_ms_median']} | {s['server_cpu_ms_per_request']} |"
        for name, s in d["summary"].items()
    )
    return f"""## Counted views per second against django-hitcount

`make bench-hitcount` (`.venv/bin/python bench/versus_hitcount.py`): 4 portals' home and article
pages ({d["pages"]} URLs) on PostgreSQL and Redis on loopback, two gunicorn servers
({d["gunicorn"]}), wrk with {d["connections"]} connections, every request a new reader.
{d["rounds"]} interleaved rounds of {d["seconds_per_run"]} s; counted views are read from each
side's own counters before and after each run. Run of {d["when"]}:

| target | counted views/s | p50 ms | p99 ms | server CPU ms/request |
| --- | ---: | ---: | ---: | ---: |
{rows}

T/H (median of per-round ratios): **{d["T/H_median_of_rounds"]}** (goal ≥ {d["goal"]}: {"met" if d["goal_met"] else "not met"}).

T: `core.wsgi.application` (cached pages, counted by the fast path's Lua). H:
`bench/hitcount_settings.py` with `bench/hitcount_peer` (django-hitcount 1.3.5's
`HitCountMixin.hit_count` on every page Wagtail serves; it counts in the view, so the
page is rendered each time, and each new reader costs it a session row).
"""


if __name__ == "__main__":
    sys.exit(main())
