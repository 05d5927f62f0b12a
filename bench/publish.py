"""Readers while editors publish (issue 17): `make bench-publish`.

One gunicorn server with production settings on PostgreSQL and Redis on 127.0.0.1,
every portal's home and article pages warm in the page cache, and wrk loading all of
them in consecutive windows. A provincial article is published at the start of one
window and a district article at the start of a later one (by another process, as an
editor's request would). Per window: requests per second, p99, and how many answers
were stale or rendered; per publish: the seconds until the new article shows on its
portal's home page to an anonymous reader.

Run twice in the same run, on the same server: "stale" (the default: a changed page is
served as it was while one request renders it again) and "purge"
(PAGE_CACHE_SERVE_STALE=false in the publishing process: every change makes the pages
unusable, so readers wait for their rendering, as before).

    .venv/bin/python bench/publish.py [--tenants 200] [--articles 20] [--seconds 2]
"""

import argparse
import http.client
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness
from page_cache import seeded_slugs, targets_for, warm, write_targets, wrk

GOALS = {"worst_window_rps_ratio": 0.8, "worst_window_p99_ratio": 3.0, "freshness_s": 10.0}
BASELINE_WINDOWS = 3
WINDOWS_AFTER = 3  # after each publish

# An editor's publish, from a Django process started before the measurement (so its
# start-up is not measured): one line "<slug>" in, one JSON line out.
PUBLISHER = """
import json, sys, time, uuid
from django.utils import timezone
from core.models import NewsArticlePage, NewsIndexPage
from tenants.models import Tenant
print("ready", flush=True)
for line in sys.stdin:
    tenant = Tenant.objects.get(slug=line.strip())
    index = NewsIndexPage.objects.descendant_of(tenant.site.root_page).first()
    marker = "Bản tin đo độ tươi " + uuid.uuid4().hex[:8]
    page = NewsArticlePage(title=marker, published_at=timezone.now(), body=[("paragraph", "<p>" + marker + "</p>")])
    index.add_child(instance=page)
    page.save_revision().publish()
    print(json.dumps({"marker": marker, "at": time.time(), "host": tenant.hostname}), flush=True)
"""


class Publisher:
    def __init__(self, env):
        self.process = subprocess.Popen(
            [harness.PYTHON, "manage.py", "shell", "-c", PUBLISHER],
            cwd=harness.ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for line in self.process.stdout:  # Django may say something first
            if line.strip() == "ready":
                return
        raise SystemExit("The publishing process did not start")

    def publish(self, slug: str) -> dict:
        self.process.stdin.write(slug + "\n")
        self.process.stdin.flush()
        for line in self.process.stdout:
            if line.startswith("{"):
                return json.loads(line)
        raise SystemExit("The publishing process stopped")

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def publish_and_watch(publisher, port: int, slug: str, out: dict):
    """Publish an article on `slug`, then poll its home page until the article shows
    there (as an anonymous reader would see it)."""
    done = publisher.publish(slug)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    deadline = done["at"] + 60
    while time.time() < deadline:
        _ms, status, body = harness.timed_get(connection, done["host"], "/")
        if status == 200 and done["marker"].encode() in body:
            out["freshness_s"] = round(time.time() - done["at"], 3)
            return
        time.sleep(0.05)
    out["freshness_s"] = None  # never showed within a minute


def run_sequence(publisher, port, targets_file, seconds, connections, district) -> dict:
    windows, publishes = [], {}
    plan = {BASELINE_WINDOWS: "lamdong", BASELINE_WINDOWS + WINDOWS_AFTER: district}
    watchers = []
    for number in range(BASELINE_WINDOWS + 2 * WINDOWS_AFTER):
        if number in plan:
            slug = plan[number]
            publishes[slug] = {}
            watcher = threading.Thread(target=publish_and_watch, args=(publisher, port, slug, publishes[slug]))
            watcher.start()
            watchers.append(watcher)
        result = wrk(port, targets_file, seconds, connections)
        if result["mismatches"] or result["errors"]:
            raise SystemExit(f"Wrong or failed responses: {result}")
        result["publish"] = plan.get(number, "")
        windows.append(result)
        print(
            f"  window {number + 1}: {result['rps']:.0f} req/s, p99 {result['p99_ms']:.1f} ms, "
            f"stale {result['stale']}, rendered {result['misses']} {result['publish']}",
            flush=True,
        )
    for watcher in watchers:
        watcher.join()
    baseline = windows[:BASELINE_WINDOWS]
    after = windows[BASELINE_WINDOWS:]
    base_rps = statistics.mean(w["rps"] for w in baseline)
    base_p99 = statistics.median(w["p99_ms"] for w in baseline)
    worst = min(after, key=lambda w: w["rps"])
    return {
        "windows": windows,
        "publishes": {("province" if slug == "lamdong" else "district"): v for slug, v in publishes.items()},
        "baseline_rps": round(base_rps, 1),
        "baseline_p99_ms": round(base_p99, 3),
        "worst_window_rps_ratio": round(worst["rps"] / base_rps, 3),
        "worst_window_p99_ratio": round(max(w["p99_ms"] for w in after) / base_p99, 3),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tenants", type=int, default=harness.size(200, 3))
    parser.add_argument("--articles", type=int, default=harness.size(20, 2))
    parser.add_argument("--seconds", type=int, default=harness.size(2, 1))
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk (make bench-publish does it)")

    env, seed_seconds = harness.prepare("--tenants", str(args.tenants), "--articles", str(args.articles))
    targets = targets_for(env, seeded_slugs(args.tenants))
    targets_file = write_targets(targets, Path(tempfile.mkdtemp(prefix="portal-bench-publish-")), "all")
    sequences = {}
    with harness.gunicorn(env, workers=2, threads=4) as port:
        for mode, extra in (("stale", {}), ("purge", {"PAGE_CACHE_SERVE_STALE": "false"})):
            print(f"{mode}: warming {len(targets)} pages …", flush=True)
            warm(port, targets)
            wrk(port, targets_file, 2, args.connections)
            publisher = Publisher({**env, **extra})
            try:
                sequences[mode] = run_sequence(publisher, port, targets_file, args.seconds, args.connections, "dateh")
            finally:
                publisher.close()

    stale = sequences["stale"]
    freshness = [p.get("freshness_s") for p in stale["publishes"].values()]
    met = {
        "worst_window_rps_ratio": stale["worst_window_rps_ratio"] >= GOALS["worst_window_rps_ratio"],
        "worst_window_p99_ratio": stale["worst_window_p99_ratio"] <= GOALS["worst_window_p99_ratio"],
        "freshness_s": all(f is not None and f <= GOALS["freshness_s"] for f in freshness),
    }
    result = {
        "benchmark": "publish",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "make bench-publish  (.venv/bin/python bench/publish.py)",
        "tenants": args.tenants,
        "articles_per_district": args.articles,
        "seed_seconds": seed_seconds,
        "pages": len(targets),
        "seconds_per_window": args.seconds,
        "connections": args.connections,
        "gunicorn": "2 gthread workers x 4 threads",
        "machine": harness.machine(),
        "sequences": sequences,
        "goals": GOALS,
        "goals_met": met,
    }
    path = harness.write_result("publish", result)
    harness.update_doc_section("publish", doc_section(result))
    print(json.dumps({mode: {k: v for k, v in s.items() if k != "windows"} for mode, s in sequences.items()}, indent=2))
    print(json.dumps({"goals_met": met}))
    print(f"Written to {path} and docs/performance.md")
    return 0


def doc_section(d: dict) -> str:
    def rows(mode):
        return "\n".join(
            f"| {mode} | {n + 1} | {w['publish'] and ('publish: ' + w['publish'])} | {w['rps']:.0f} | {w['p99_ms']:.1f} "
            f"| {w['stale']} | {w['misses']} |"
            for n, w in enumerate(d["sequences"][mode]["windows"])
        )

    def line(mode):
        s = d["sequences"][mode]
        fresh = ", ".join(f"{k} {v.get('freshness_s')} s" for k, v in s["publishes"].items())
        return f"| {mode} | {s['baseline_rps']} | {s['worst_window_rps_ratio']} | {s['worst_window_p99_ratio']} | {fresh} |"

    met = d["goals_met"]
    m = d["machine"]
    return f"""## Readers while editors publish

`make bench-publish` (`.venv/bin/python bench/publish.py`): {d["tenants"]} portals
({d["articles_per_district"]} articles per district, seeded in {d["seed_seconds"]} s), one gunicorn
server ({d["gunicorn"]}) with production settings, every one of the {d["pages"]} home and
article pages warm; wrk with {d["connections"]} connections over all of them in consecutive
windows of {d["seconds_per_window"]} s. A provincial article is published at the start of
window {BASELINE_WINDOWS + 1}, a district one at window {BASELINE_WINDOWS + WINDOWS_AFTER + 1}. "stale": the
default; "purge": `PAGE_CACHE_SERVE_STALE=false` (every change purges, as before). In both,
an article makes stale only the pages of its portal and of the portals whose home embeds
its news, so the provincial article here touches the province's pages, not all
{d["pages"]} (every related portal's, before): "stale answers" and "rendered" count them. Run of {d["when"]}:

| mode | baseline req/s | worst window after a publish / baseline | its p99 / baseline p99 | seconds until the article shows |
| --- | ---: | ---: | ---: | --- |
{line("stale")}
{line("purge")}

Goals (stale): worst window ≥ {GOALS["worst_window_rps_ratio"]}× the baseline: {"met" if met["worst_window_rps_ratio"] else "not met"};
its p99 ≤ {GOALS["worst_window_p99_ratio"]}× the baseline's: {"met" if met["worst_window_p99_ratio"] else "not met"};
every article shown within {GOALS["freshness_s"]} s: {"met" if met["freshness_s"] else "not met"}.

| mode | window | | req/s | p99 ms | stale answers | rendered |
| --- | ---: | --- | ---: | ---: | ---: | ---: |
{rows("stale")}
{rows("purge")}

Machine: {m["cpu_count"]} cores, {m["platform"]}, Python {m["python"]}, Django {m["django"]},
Wagtail {m["wagtail"]}, PostgreSQL {m["postgresql"]}.
"""


if __name__ == "__main__":
    sys.exit(main())
