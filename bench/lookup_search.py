"""Directive lookup and site search on a large portal, on PostgreSQL.

Seeds a district (Đạ Tẻh) with 10,000 news articles and its province with 5,000
documents in bulk, starts gunicorn with production settings on loopback, and times
sequential requests for each kind of lookup and search, interleaved with a baseline
(robots.txt: the framework's floor) so drift on this noisy machine shows up in both.
Goal (issue 3): every lookup and search answers in under 100 ms at p95.

    .venv/bin/python bench/lookup_search.py [--articles 10000] [--directives 5000] [--rounds 20]
"""

import argparse
import http.client
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness

HOST = "dateh.localhost"
QUERIES = {
    "baseline: robots.txt": "/robots.txt",
    "lookup: number 24-CT/TU": "/van-ban/?so=24-CT%2FTU",
    "lookup: number spelled 1003 KH TU": "/van-ban/?so=1003+KH+TU",
    "lookup: type + year": "/van-ban/?loai=chi-thi&nam=2019",
    "lookup: keyword without accents": "/van-ban/?q=chuyen+doi+so",
    "lookup: status + keyword, page 5": "/van-ban/?tinhtrang=in-force&q=dan+van&page=5",
    "lookup: everything, last page": "/van-ban/?page=9999",
    "search: giam sat": "/tim-kiem/?q=giam+sat",
    "search: dang uy an nhon": "/tim-kiem/?q=%C4%91%E1%BA%A3ng+%E1%BB%A7y+an+nh%C6%A1n",
    "search: tap huan chuyen doi so, page 3": "/tim-kiem/?q=tap+huan+chuyen+doi+so&page=3",
    "news index, page 100": "/tin-tuc/?page=100",
}
GOAL_MS = 100


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=harness.size(10_000, 30))
    parser.add_argument("--directives", type=int, default=harness.size(5_000, 30))
    parser.add_argument("--rounds", type=int, default=harness.size(20, 1))
    args = parser.parse_args(argv)

    env, seed_seconds = harness.prepare(
        "--tenants", "1", "--articles", str(args.articles), "--directives", str(args.directives)
    )
    print(f"Seeded {args.articles} articles and {args.directives} documents in {seed_seconds:.0f} s", flush=True)

    samples = {name: [] for name in QUERIES}
    # The page cache off: this measures the lookup and the search, not cache hits.
    with harness.gunicorn(env, workers=1, threads=1, extra_env={"PAGE_CACHE_ENABLED": "false"}) as port:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for path in QUERIES.values():  # warm caches and connections
            for _ in range(2):
                _, status, _ = harness.timed_get(connection, HOST, path)
                if status != 200:
                    raise SystemExit(f"{path} answered {status}")
        for _ in range(args.rounds):
            for name, path in QUERIES.items():
                elapsed, status, body = harness.timed_get(connection, HOST, path)
                # Every answer must be Đạ Tẻh's own page, not an error or another portal's.
                marker = HOST.encode() if path == "/robots.txt" else "Đạ Tẻh".encode()
                if status != 200 or marker not in body:
                    raise SystemExit(f"{path} answered {status} without {marker!r}")
                samples[name].append(elapsed)

    results = {name: harness.summarize(values) for name, values in samples.items()}
    result = {
        "benchmark": "lookup_search",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "make bench-lookup  (.venv/bin/python bench/lookup_search.py)",
        "articles": args.articles,
        "directives": args.directives,
        "rounds": args.rounds,
        "seed_seconds": round(seed_seconds, 1),
        "goal_p95_ms": GOAL_MS,
        "machine": harness.machine(),
        "results": results,
        "all_within_goal": all(r["p95_ms"] < GOAL_MS for n, r in results.items() if not n.startswith("baseline")),
    }
    path = harness.write_result("lookup_search", result)
    harness.update_doc_section("lookup_search", doc_section(result))
    print(f"\n{'request':<42} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, r in results.items():
        print(f"{name:<42} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['max_ms']:>8}")
    print(f"\nWritten to {path}. Within {GOAL_MS} ms at p95: {result['all_within_goal']}")
    return 0 if result["all_within_goal"] or harness.TINY else 1


def doc_section(d: dict) -> str:
    rows = "\n".join(f"| {n} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} |" for n, r in d["results"].items())
    m = d["machine"]
    return f"""## Directive lookup and site search on a large portal

`make bench-lookup` (`.venv/bin/python bench/lookup_search.py`): PostgreSQL database
`portal_bench` (recreated), Đạ Tẻh seeded in bulk with {d["articles"]:,} news articles and its
province with {d["directives"]:,} documents ({d["seed_seconds"]} s), gunicorn with production settings on
127.0.0.1 with the page cache off, one worker and thread, sequential keep-alive requests, {d["rounds"]} rounds interleaved with
the baseline. Latency as the client on loopback sees it, an upper bound of server time.
Goal (issue 3): under {d["goal_p95_ms"]} ms at p95. Run of {d["when"]}:

| request | p50 ms | p95 ms | max ms |
| --- | ---: | ---: | ---: |
{rows}

Machine: {m["cpu_count"]} cores, {m["platform"]}, Python {m["python"]}, Django {m["django"]},
Wagtail {m["wagtail"]}, PostgreSQL {m["postgresql"]}.

What it took:
- `ANALYZE` after bulk seeding (`seed_demo` does it): with stale statistics PostgreSQL
  planned the lookup as if the tables were empty (number lookup 40 ms -> 15 ms).
- A GIN index on the search backend's match expression `(title || body)`
  (migration `core/0004`): site search scanned every page of the portal before
  (190 ms) and now finds the matches first.
- Search results are paged without counting every match (`core.listing.paginate_uncounted`):
  the COUNT cost as much as the search itself.
"""


if __name__ == "__main__":
    sys.exit(main())
