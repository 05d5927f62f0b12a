"""The full-page cache against the limit and its peers, in one run (issue 6).

Starts four gunicorn servers with production settings on PostgreSQL and Redis on
127.0.0.1, all with the same flags, and loads them in short interleaved rounds with
wrk (so the machine's drift hits every target alike):

  A0  the limit: a minimal WSGI app doing one Redis GET of a stored page of the same size
  T   our cached pages (core.wsgi.application), counting every view as a new visitor
  A1  the same pages rendered with the page cache off
  A2  the peer: Django's per-site cache middleware on django-redis

wrk rotates over several portals' home and article pages and checks every response
body names the portal it asked for. Then T with 200 portals' hostnames is compared
with T on 4, and the workers' memory is read after each.

    .venv/bin/python bench/page_cache.py [--tenants 200] [--articles 20] [--rounds 5] [--seconds 4]
"""

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import uuid
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

import redis

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness

LUA = Path(__file__).resolve().parent / "wrk" / "rotate.lua"
GOALS = {"T/A0": 0.5, "T/A1": 10.0, "T/A2": 1.0}


def targets_for(env, slugs) -> list[tuple[str, str, str]]:
    """(host, path, marker) for each portal's home page and first two articles."""
    code = (
        "import json\n"
        "from tenants.models import Tenant\n"
        "from core.models import ArticlePage\n"
        f"slugs = {list(slugs)!r}\n"
        "out = []\n"
        "for t in Tenant.objects.filter(slug__in=slugs):\n"
        # The portal's name, which every page shows whatever the theme's markup.
        "    marker = t.name\n"
        "    out.append([t.hostname, '/', marker])\n"
        "    for a in ArticlePage.objects.live().descendant_of(t.site.root_page).order_by('-published_at')[:2]:\n"
        "        out.append([t.hostname, a.url_path[len(t.site.root_page.url_path) - 1:], marker])\n"
        "print(json.dumps(out, ensure_ascii=False))\n"
    )
    return [tuple(row) for row in harness.django_json(env, code)]


def seeded_slugs(tenants: int) -> list[str]:
    """The slugs of every portal `seed_demo --tenants N` makes (the demo's four, then huyenNNN)."""
    return ["lamdong", "dateh", "cattien", "dahuoai", *[f"huyen{n:03d}" for n in range(4, tenants + 1)]]


def warm(port: int, targets):
    """Every target once, so what follows measures cached pages, not first renders."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for host, path, _marker in targets:
        harness.timed_get(connection, host, path)


def write_targets(targets, folder: Path, name: str) -> Path:
    path = folder / f"{name}.tsv"
    path.write_text("".join(f"{h}\t{p}\t{m}\n" for h, p, m in targets))
    return path


def wrk(port: int, targets_file: Path, seconds: int, connections: int) -> dict:
    started = os.times()
    output = subprocess.run(
        [
            "wrk",
            "-t",
            str(connections),
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "-s",
            str(LUA),
            f"http://127.0.0.1:{port}",
        ],
        env={**os.environ, "TARGETS": str(targets_file), "RUN": uuid.uuid4().hex},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ended = os.times()
    result = json.loads([line for line in output.splitlines() if line.startswith("{")][-1])
    result["wrk_cpu_s"] = round(
        (ended.children_user + ended.children_system) - (started.children_user + started.children_system), 2
    )
    return result


def measure(server_pid: int, port: int, targets_file: Path, seconds: int, connections: int) -> dict:
    cpu_before = harness.process_tree_cpu_seconds(server_pid)
    result = wrk(port, targets_file, seconds, connections)
    cpu = harness.process_tree_cpu_seconds(server_pid) - cpu_before
    result["server_cpu_ms_per_request"] = round(cpu * 1000 / max(1, result["requests"]), 3)
    if result["mismatches"] or result["errors"]:
        raise SystemExit(f"Wrong or failed responses: {result}")
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tenants", type=int, default=harness.size(200, 4))
    parser.add_argument(
        "--articles", type=int, default=harness.size(20, 2), help="news articles per district, seeded in bulk"
    )
    parser.add_argument("--rounds", type=int, default=harness.size(5, 1))
    parser.add_argument("--seconds", type=int, default=harness.size(4, 1))
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk (make bench does it)")

    env, seed_seconds = harness.prepare("--tenants", str(args.tenants), "--articles", str(args.articles))

    folder = Path(tempfile.mkdtemp(prefix="portal-bench-targets-"))
    four = targets_for(env, ["lamdong", "dateh", "cattien", "dahuoai"])
    many = targets_for(env, seeded_slugs(args.tenants))
    four_file, many_file = write_targets(four, folder, "four"), write_targets(many, folder, "many")

    # A0 serves a stored copy of an article of the same size as ours.
    article = next(t for t in four if t[1] != "/")
    article_host, article_path, _ = article
    # A0 returns that one page whatever is asked, so its responses are checked against it.
    a0_file = write_targets([article], folder, "a0")
    a0_key = f"{env['REDIS_KEY_PREFIX']}:a0-page"
    redis_client = redis.Redis.from_url(env["REDIS_URL"])
    flags = {"workers": 2, "threads": 4}
    with ExitStack() as stack:
        ports = {
            "T": stack.enter_context(harness.gunicorn(env, **flags)),
            "A1": stack.enter_context(harness.gunicorn(env, **flags, extra_env={"PAGE_CACHE_ENABLED": "false"})),
            "A2": stack.enter_context(
                harness.gunicorn(
                    env,
                    **flags,
                    app="core.wsgi:django_application",
                    extra_env={"DJANGO_SETTINGS_MODULE": "peer_settings", "PYTHONPATH": str(Path(__file__).parent)},
                )
            ),
        }
        connection = http.client.HTTPConnection("127.0.0.1", ports["T"], timeout=30)
        _, _, article_body = harness.timed_get(connection, article_host, article_path)
        redis_client.set(a0_key, article_body)
        ports["A0"] = stack.enter_context(
            harness.gunicorn(
                env,
                **flags,
                app="minimal_app:application",
                extra_env={"A0_KEY": a0_key, "PYTHONPATH": str(Path(__file__).parent)},
            )
        )
        pids = {name: harness.server_pid(port) for name, port in ports.items()}

        print("Warming up …", flush=True)
        # Every page once on each caching server, so round 1 measures hits, not renders.
        for name in ("T", "A2"):
            warm(ports[name], many if name == "T" else four)
        for name, warm_file in (("T", many_file), ("A1", four_file), ("A2", four_file), ("A0", a0_file)):
            wrk(ports[name], warm_file, 2, args.connections)

        rounds = []
        for number in range(1, args.rounds + 1):
            row = {}
            for name in ("A0", "T", "A1", "A2"):
                row[name] = measure(
                    pids[name], ports[name], a0_file if name == "A0" else four_file, args.seconds, args.connections
                )
            row["T@many"] = measure(pids["T"], ports["T"], many_file, args.seconds, args.connections)
            rounds.append(row)
            print(f"round {number}: " + ", ".join(f"{k} {v['rps']:.0f} req/s" for k, v in row.items()), flush=True)
            if number == 1:
                memory_four = harness.process_tree_rss_mb(pids["T"])
        memory_many = harness.process_tree_rss_mb(pids["T"])
    redis_client.delete(a0_key)

    def median_ratio(a, b):
        return round(statistics.median(r[a]["rps"] / r[b]["rps"] for r in rounds), 3)

    ratios = {
        "T/A0": median_ratio("T", "A0"),
        "T/A1": median_ratio("T", "A1"),
        "T/A2": median_ratio("T", "A2"),
        "T@200/T@4": median_ratio("T@many", "T"),
    }
    summary = {
        name: {
            "rps_median": round(statistics.median(r[name]["rps"] for r in rounds), 1),
            "p50_ms_median": round(statistics.median(r[name]["p50_ms"] for r in rounds), 3),
            "p99_ms_median": round(statistics.median(r[name]["p99_ms"] for r in rounds), 3),
            "server_cpu_ms_per_request": round(
                statistics.median(r[name]["server_cpu_ms_per_request"] for r in rounds), 3
            ),
            "wrk_cpu_s_median": round(statistics.median(r[name]["wrk_cpu_s"] for r in rounds), 2),
        }
        for name in rounds[0]
    }
    result = {
        "benchmark": "page_cache",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "make bench  (.venv/bin/python bench/page_cache.py)",
        "tenants": args.tenants,
        "articles_per_district": args.articles,
        "seed_seconds": seed_seconds,
        "rounds": args.rounds,
        "seconds_per_run": args.seconds,
        "connections": args.connections,
        "gunicorn": "2 gthread workers x 4 threads, --worker-connections 16",
        "targets_four": len(four),
        "targets_many": len(many),
        "machine": harness.machine(),
        "summary": summary,
        "ratios_median_of_rounds": ratios,
        "goals": GOALS,
        "goals_met": {k: ratios[k] >= v for k, v in GOALS.items()} | {"T@200/T@4": ratios["T@200/T@4"] >= 0.9},
        "worker_rss_mb": {"after_4_portals": memory_four, "after_200_portals": memory_many},
        "rounds_raw": rounds,
    }
    path = harness.write_result("page_cache", result)
    harness.update_doc_section("page_cache", doc_section(result))
    print(json.dumps({"ratios": ratios, "goals_met": result["goals_met"]}, indent=2))
    print(f"Written to {path} and docs/performance.md")
    return 0


def doc_section(d: dict) -> str:
    rows = "\n".join(
        f"| {name} | {s['rps_median']} | {s['p50_ms_median']} | {s['p99_ms_median']} | {s['server_cpu_ms_per_request']} |"
        for name, s in d["summary"].items()
    )
    ratios = "\n".join(
        f"| {k} | {v} | {('≥ ' + str(d['goals'][k])) if k in d['goals'] else '≥ 0.9'} | {'yes' if d['goals_met'][k] else 'no'} |"
        for k, v in d["ratios_median_of_rounds"].items()
    )
    m = d["machine"]
    return f"""## Full-page cache against the limit and its peers

`make bench` (`.venv/bin/python bench/page_cache.py`): {d["tenants"]} district portals
({d["articles_per_district"]} articles each, seeded in {d["seed_seconds"]} s) on PostgreSQL, Redis on loopback, four gunicorn
servers with production settings and the same flags ({d["gunicorn"]}), wrk with
{d["connections"]} connections rotating over {d["targets_four"]} home and article pages of 4 portals
(and {d["targets_many"]} pages of all portals for T@many), checking every body names its portal.
{d["rounds"]} interleaved rounds of {d["seconds_per_run"]} s; figures are medians of the rounds. Run of {d["when"]}:

| target | req/s | p50 ms | p99 ms | server CPU ms/request |
| --- | ---: | ---: | ---: | ---: |
{rows}

| ratio (median of per-round ratios) | value | goal | met |
| --- | ---: | --- | --- |
{ratios}

Worker memory (MB RSS) after the first round: {d["worker_rss_mb"]["after_4_portals"]};
after all rounds, with {d["tenants"]} portals' pages served: {d["worker_rss_mb"]["after_200_portals"]}.

A0: `bench/minimal_app.py`. A1: `PAGE_CACHE_ENABLED=false`. A2: `bench/peer_settings.py`
(Django's UpdateCacheMiddleware/FetchFromCacheMiddleware). T: `core.wsgi.application`.
Machine: {m["cpu_count"]} cores, {m["platform"]}, Python {m["python"]}, Django {m["django"]},
Wagtail {m["wagtail"]}, PostgreSQL {m["postgresql"]}. wrk shares the two cores with the
servers (its CPU seconds per run are in `bench/results/page_cache.json`).
"""


if __name__ == "__main__":
    sys.exit(main())
