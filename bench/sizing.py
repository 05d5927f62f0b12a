"""The figures a province's IT centre sizes a deployment with, measured here.

Seeds --tenants district portals with --articles news articles each on PostgreSQL
(portal_bench, recreated), then tops every portal up by --more articles and measures
what the database grew by per 1,000 articles. Serves the portals with gunicorn
(production settings), reads the home, news index and three articles of every portal
as --readers different readers each, and measures Redis memory by kind of key (cached
pages, counters, per-reader keys) with MEMORY USAGE. Times one analytics flush of all
portals. Reads the CPU cost per request from the page cache benchmark's last recorded
run (bench/results/page_cache.json, `make bench`). Writes bench/results/sizing.json and
the sizing section of docs/operations.md.

    .venv/bin/python bench/sizing.py [--tenants 100] [--articles 100] [--more 100] [--readers 20]
    BENCH_TINY=1 .venv/bin/python bench/sizing.py   # CI smoke run: it still works
"""

import argparse
import json
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import redis
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness

OPERATIONS_DOC = harness.ROOT / "docs" / "operations.md"
MB = 1024 * 1024

# What sizing assumes about traffic; each assumption is printed beside the tables.
ASSUMED = {
    "peak_requests_per_second_per_commune": 2.0,
    "peak_requests_per_second_per_province_portal": 20.0,
    "cache_hit_ratio": 0.9,
    "articles_per_portal": 3000,
    "readers_per_portal_per_day": 2000,
    "cpu_headroom": 2.0,
}
LAYOUTS = {"one province": (1, 100), "the country": (34, 3300)}


def database_bytes(url: str) -> tuple[int, int]:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        articles = conn.execute("SELECT count(*) FROM core_newsarticlepage").fetchone()[0]
    return size, articles


def pages_to_read(env) -> dict[str, list[str]]:
    return harness.django_json(
        env,
        "import json\nfrom tenants.models import Tenant\nfrom core.models import NewsArticlePage\n"
        "out = {}\n"
        "for t in Tenant.objects.filter(level='district').select_related('site'):\n"
        "    home = t.site.root_page\n"
        "    arts = NewsArticlePage.objects.live().descendant_of(home).order_by('pk')[:3]\n"
        "    out[t.site.hostname] = ['/', '/tin-tuc/'] + [a.url_path[len(home.url_path) - 1:] for a in arts]\n"
        "print(json.dumps(out))",
    )


def read_everything(port: int, pages: dict[str, list[str]], readers: int):
    def one(job):
        host, path, reader = job
        response = requests.get(
            f"http://127.0.0.1:{port}{path}",
            headers={"Host": host, "X-Forwarded-For": f"10.{reader // 250}.{reader % 250}.7", "User-Agent": "Bench"},
            timeout=60,
        )
        assert response.status_code == 200, (host, path, response.status_code)

    jobs = [(host, path, reader) for host, paths in pages.items() for path in paths for reader in range(readers)]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(one, jobs))
    return len(jobs)


def redis_bytes(url: str, prefix: str) -> Counter:
    """Bytes by kind: cached pages, counters, per-reader keys (reload guards, visits)."""
    client = redis.Redis.from_url(url)
    kinds = Counter()
    for key in client.scan_iter(match=f"{prefix}:*", count=5000):
        name = key.decode()[len(prefix) + 1 :]
        if name.startswith("pagecache:"):
            kind = "cached pages"
        elif name.startswith("an:") and (":rl:" in name or ":vs:" in name):
            kind = "per-reader keys"
        elif name.startswith("an:"):
            kind = "counters"
        else:
            kind = "other"
        kinds[kind] += client.memory_usage(key, samples=0) or 0
    return kinds


def flush_seconds(env) -> float:
    return harness.django_json(
        env,
        "import json, time\nfrom analytics.flush import flush_all\nfrom analytics.recorder import recorder\n"
        "t = time.perf_counter(); flush_all(recorder()); print(json.dumps(time.perf_counter() - t))",
    )


def cpu_per_request() -> dict:
    recorded = json.loads((harness.RESULTS / "page_cache.json").read_text())["summary"]
    when = json.loads((harness.RESULTS / "page_cache.json").read_text())["when"]
    return {
        "hit_ms": recorded["T"]["server_cpu_ms_per_request"],
        "miss_ms": recorded["A1"]["server_cpu_ms_per_request"],
        "run": when,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tenants", type=int, default=harness.size(100, 3))
    parser.add_argument("--articles", type=int, default=harness.size(100, 5))
    parser.add_argument("--more", type=int, default=harness.size(100, 5))
    parser.add_argument("--readers", type=int, default=harness.size(20, 2))
    args = parser.parse_args()

    env, seeded = harness.prepare("--tenants", str(args.tenants), "--articles", str(args.articles))
    before, articles_before = database_bytes(env["DATABASE_URL"])
    harness.manage(
        env, "seed_demo", "--port", "80", "--tenants", str(args.tenants), "--articles", str(args.articles + args.more)
    )
    after, articles_after = database_bytes(env["DATABASE_URL"])
    per_thousand = (after - before) / max(articles_after - articles_before, 1) * 1000

    pages = pages_to_read(env)
    with harness.gunicorn(env) as port:
        requests_made = read_everything(port, pages, args.readers)
    memory = redis_bytes(env["REDIS_URL"], env["REDIS_KEY_PREFIX"])
    flush = flush_seconds(env)
    portals = len(pages)
    cached_pages = sum(len(paths) for paths in pages.values())
    reader_visits = portals * args.readers
    cpu = cpu_per_request()

    measured = {
        "database_mb_per_1000_articles": round(per_thousand / MB, 2),
        "database_mb_empty_platform_and_seed": round(before / MB, 1),
        "redis_kb_per_cached_page": round(memory["cached pages"] / cached_pages / 1024, 2),
        "redis_kb_counters_per_portal": round(memory["counters"] / portals / 1024, 2),
        "redis_bytes_per_reader_and_portal_for_30_minutes": round(memory["per-reader keys"] / reader_visits),
        "flush_ms_per_portal": round(flush / portals * 1000, 2),
        "cpu_ms_per_cached_request": cpu["hit_ms"],
        "cpu_ms_per_uncached_request": cpu["miss_ms"],
    }
    result = {
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "make bench-sizing  (.venv/bin/python bench/sizing.py " + " ".join(sys.argv[1:]) + ")",
        "arguments": vars(args),
        "seeded_seconds": seeded,
        "articles": [articles_before, articles_after],
        "requests_made": requests_made,
        "redis_bytes_by_kind": dict(memory),
        "cpu_source": f"bench/results/page_cache.json, run of {cpu['run']}",
        "measured": measured,
        "assumed": ASSUMED,
        "machine": harness.machine(),
    }
    print(json.dumps(measured, indent=2))
    harness.write_result("sizing", result)
    harness.update_doc_section("sizing", sizing_markdown(result), doc=OPERATIONS_DOC)


def sizing_rows(measured: dict) -> list[dict]:
    rows = []
    for name, (provinces, portals) in LAYOUTS.items():
        communes = portals - provinces
        peak = (
            communes * ASSUMED["peak_requests_per_second_per_commune"]
            + provinces * ASSUMED["peak_requests_per_second_per_province_portal"]
        )
        hit = ASSUMED["cache_hit_ratio"]
        cpu_ms = hit * measured["cpu_ms_per_cached_request"] + (1 - hit) * measured["cpu_ms_per_uncached_request"]
        cores = peak * cpu_ms / 1000 * ASSUMED["cpu_headroom"]
        articles = portals * ASSUMED["articles_per_portal"]
        # Each day's unique-visitor HyperLogLog reaches at most 12 KB; three days are kept.
        per_portal_kb = measured["redis_kb_counters_per_portal"] + 3 * 12 + 50 * measured["redis_kb_per_cached_page"]
        redis_mb = (
            portals * per_portal_kb / 1024
            + portals
            * ASSUMED["readers_per_portal_per_day"]
            / 48
            * measured["redis_bytes_per_reader_and_portal_for_30_minutes"]
            / MB
        )
        rows.append(
            {
                "layout": name,
                "portals": portals,
                "peak_rps": round(peak),
                "app_cores": round(cores, 1),
                "database_gb": round(articles / 1000 * measured["database_mb_per_1000_articles"] / 1024, 1),
                "redis_mb": round(redis_mb),
                "flush_s": round(portals * measured["flush_ms_per_portal"] / 1000, 1),
            }
        )
    return rows


def sizing_markdown(result: dict) -> str:
    m, a = result["measured"], result["assumed"]
    lines = [
        "## Sizing",
        "",
        f"Measured by `{result['command']}`, run of {result['finished']} on "
        f"{result['machine']['cpu_count']} cores, PostgreSQL {result['machine']['postgresql'].split()[0]}, "
        f"{result['arguments']['tenants']} portals, {result['articles'][1]:,} articles:",
        "",
        "| figure | value | how |",
        "| --- | ---: | --- |",
        f"| CPU per cached page | {m['cpu_ms_per_cached_request']} ms | `make bench` ({result['cpu_source']}) |",
        f"| CPU per page rendered by Django | {m['cpu_ms_per_uncached_request']} ms | `make bench`, page cache off |",
        f"| database per 1,000 articles | {m['database_mb_per_1000_articles']} MB | growth after topping every portal up by {result['arguments']['more']} articles |",
        f"| Redis per cached page | {m['redis_kb_per_cached_page']} KB | MEMORY USAGE of the page cache's keys |",
        f"| Redis counters per portal | {m['redis_kb_counters_per_portal']} KB | deltas, floors, online set, the day's HyperLogLog |",
        f"| Redis per reader of a portal, for 30 minutes | {m['redis_bytes_per_reader_and_portal_for_30_minutes']} B | reload guards and visit keys |",
        f"| analytics flush per portal | {m['flush_ms_per_portal']} ms | `flush_all` over every portal after the reads |",
        "",
        "Assumed: peak "
        f"{a['peak_requests_per_second_per_commune']} requests/s per commune portal and "
        f"{a['peak_requests_per_second_per_province_portal']} per province portal, "
        f"{a['cache_hit_ratio']:.0%} of them cached, {a['articles_per_portal']:,} articles and "
        f"{a['readers_per_portal_per_day']:,} readers a day per portal (a 48th of them within any 30 minutes), "
        "50 cached pages and three days' full HyperLogLogs (12 KB each) per portal, "
        f"CPU headroom x{a['cpu_headroom']} (change them in `bench/sizing.py`).",
        "",
        "| layout | portals | peak requests/s | app server cores | database (articles) | Redis | flush every minute |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in sizing_rows(m):
        lines.append(
            f"| {row['layout']} | {row['portals']:,} | {row['peak_rps']:,} | {row['app_cores']} | "
            f"{row['database_gb']} GB | {row['redis_mb']:,} MB | {row['flush_s']} s |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
