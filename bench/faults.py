"""Faults under load (`make faults`): what readers see while a dependency dies, and
whether every view is still counted once it is back.

The platform runs as in production (gunicorn with production settings, a Celery worker
flushing the counters every half second) on PostgreSQL (portal_bench, recreated) and a
Redis server of the script's own, never the machine's services. Readers load articles
of two portals without pause, each request a new reader, so every 200 is one view that
must be counted. Scenarios, one after the other:

- redis-aof:   Redis (appendonly yes) SIGKILLed for --outage seconds, restarted on its files;
- redis-empty: the same without AOF: it comes back empty (the views since the last flush
               are lost; that is what docs/operations.md warns about);
- redis-failover: the primary of a Sentinel set (primary, replica, three sentinels)
               SIGKILLed; "away" is until the sentinels name the replica;
- database:    PostgreSQL unreachable for --outage seconds, through a TCP proxy the script
               controls (connections cut, new ones refused);
- worker:      the Celery worker SIGKILLed five times during flushes and restarted.

For each: requests, 5xx (on pages that were cached before the fault, and on the rest),
p99 latency, views sent (200s) against views counted in SQL after a final flush, and
seconds after the dependency returned until answers were 200 and cached pages HITs again.
Goals: no 5xx on cached pages, no view lost where Redis keeps its files, recovery within
5 s. Writes bench/results/faults.json and the faults section of docs/operations.md.

    .venv/bin/python bench/faults.py [--outage 10] [--after 10]
    BENCH_TINY=1 .venv/bin/python bench/faults.py   # CI smoke run: it still works
"""

import argparse
import http.client
import itertools
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness

OPERATIONS_DOC = harness.ROOT / "docs" / "operations.md"
GOAL_RECOVERY_SECONDS = 5.0


class TcpProxy:
    """Forwards a loopback port to PostgreSQL; `down()` cuts every connection and stops
    listening (new connections are refused, as when the server is gone), `up()` listens
    again on the same port."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = harness.free_port()
        self.sockets: set[socket.socket] = set()
        self.lock = threading.Lock()
        self.listener = None
        self.up()

    def up(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self):
        # shutdown() wakes the thread blocked in accept(); close() alone would leave the
        # port bound until it returned.
        with suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        with self.lock:
            for sock in self.sockets:
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.sockets.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # closed by down()
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets.update({client, upstream})
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


class RedisServer:
    """A redis-server of the script's own on a free port, with or without AOF."""

    def __init__(self, directory: Path, aof: bool, replica_of: int | None = None):
        self.directory, self.aof, self.replica_of = directory, aof, replica_of
        self.port = harness.free_port()
        self.process = None
        directory.mkdir(parents=True, exist_ok=True)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        args = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        args += ["--appendonly", "yes" if self.aof else "no", "--dir", str(self.directory)]
        if self.replica_of:
            args += ["--replicaof", "127.0.0.1", str(self.replica_of)]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(64).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


SERVICE = "portal"


class SentinelSet:
    """A primary and a replica (both with AOF) watched by three sentinels (quorum 2),
    which declare the primary down after one second: Debian's redis-server throughout."""

    def __init__(self, directory: Path):
        self.primary = RedisServer(directory / "primary", aof=True)
        self.replica = RedisServer(directory / "replica", aof=True, replica_of=self.primary.port)
        self.directory = directory
        self.sentinel_ports = [harness.free_port() for _ in range(3)]
        self.sentinels: list[subprocess.Popen] = []

    def env(self) -> dict:
        return {
            "REDIS_URL": f"redis://{SERVICE}/0",
            "REDIS_SENTINELS": ",".join(f"127.0.0.1:{port}" for port in self.sentinel_ports),
        }

    def start(self):
        self.primary.start()
        self.replica.start()
        for port in self.sentinel_ports:
            config = self.directory / f"sentinel-{port}.conf"
            config.write_text(
                f"port {port}\nbind 127.0.0.1\ndir {self.directory}\n"
                f"sentinel monitor {SERVICE} 127.0.0.1 {self.primary.port} 2\n"
                f"sentinel down-after-milliseconds {SERVICE} 1000\n"
                f"sentinel failover-timeout {SERVICE} 5000\n"
            )
            self.sentinels.append(
                subprocess.Popen(["redis-server", str(config), "--sentinel"], stdout=subprocess.DEVNULL)
            )
        self._wait(
            lambda: self.replica_ready() and all(self.primary_port(p) == self.primary.port for p in self.sentinel_ports)
        )

    def _ask(self, port: int, *command: str) -> str:
        import redis

        return redis.Redis(port=port, socket_timeout=1, decode_responses=True).execute_command(*command)

    def primary_port(self, sentinel_port: int) -> int | None:
        try:
            answer = self._ask(sentinel_port, "SENTINEL", "get-master-addr-by-name", SERVICE)
            return int(answer[1]) if answer else None
        except Exception:
            return None

    def replica_ready(self) -> bool:
        try:
            return self._ask(self.replica.port, "INFO", "replication").get("master_link_status") == "up"
        except Exception:
            return False

    def _wait(self, condition, seconds=30):
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                raise RuntimeError("Sentinel did not get ready")
            time.sleep(0.05)

    def fail_over(self) -> float:
        """SIGKILL the primary; return when the sentinels name the replica instead."""
        self.primary.kill()
        self._wait(lambda: self.primary_port(self.sentinel_ports[0]) == self.replica.port)
        return time.monotonic()

    def stop(self):
        for process in self.sentinels:
            process.terminate()
            process.wait(timeout=10)
        self.replica.stop()
        self.primary.stop()


@dataclass
class Answer:
    at: float
    status: int
    ms: float
    cached_before: bool
    hit: bool


@dataclass
class Load:
    """Readers on a few threads, each request a new reader (its own address and agent)."""

    port: int
    pages: list[tuple[str, str, bool]]  # host, path, cached before the fault
    name: str  # in every reader's agent: no reader comes back from an earlier scenario
    threads: int = 6
    answers: list[Answer] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    readers: itertools.count = field(default_factory=lambda: itertools.count(1))

    def _reader(self, number: int):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        turn = 0
        while not self.stopping.is_set():
            host, path, cached = self.pages[(number + turn) % len(self.pages)]
            turn += 1
            reader = next(self.readers)  # atomic: each request its own reader
            headers = {
                "Host": host,
                "X-Forwarded-For": f"10.{reader // 65025 % 250}.{reader // 255 % 255}.{reader % 255 + 1}",
                "User-Agent": f"Mozilla/5.0 (Linux; Android 13) FaultRun/{self.name}.{number}.{reader}",
            }
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                status, hit = response.status, response.getheader("X-Cache") == "HIT"
            except (OSError, http.client.HTTPException):
                status, hit = 599, False  # the connection itself failed: counted as a 5xx
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.answers.append(Answer(time.monotonic(), status, (time.perf_counter() - started) * 1000, cached, hit))

    @contextmanager
    def running(self):
        workers = [threading.Thread(target=self._reader, args=(n,), daemon=True) for n in range(self.threads)]
        for worker in workers:
            worker.start()
        try:
            yield self
        finally:
            self.stopping.set()
            for worker in workers:
                worker.join(timeout=60)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * share))], 1) if ordered else 0.0


def judge(answers: list[Answer], restored_at: float | None) -> dict:
    errors = [a for a in answers if a.status >= 500]
    result = {
        "requests": len(answers),
        "5xx_on_cached_pages": sum(a.cached_before for a in errors),
        "5xx_other": sum(not a.cached_before for a in errors),
        "p99_ms": percentile([a.ms for a in answers], 0.99),
        "views_sent": sum(a.status == 200 for a in answers),
    }
    if restored_at is not None:
        after = [a for a in answers if a.at >= restored_at]
        last_error = max((a.at for a in after if a.status >= 500), default=restored_at)
        first_hit = min((a.at for a in after if a.cached_before and a.hit), default=None)
        result["seconds_to_no_errors"] = round(last_error - restored_at, 2)
        result["seconds_to_cache_hits"] = round(first_hit - restored_at, 2) if first_hit else None
        to_hits = result["seconds_to_cache_hits"]
        result["recovered"] = to_hits is not None and max(result["seconds_to_no_errors"], to_hits) <= (
            GOAL_RECOVERY_SECONDS
        )
    return result


@contextmanager
def platform(env, var_dir: Path):
    """gunicorn and a Celery worker, and a sender asking for a flush every half second."""
    with ExitStack() as stack:
        port = stack.enter_context(harness.gunicorn(env))
        worker = Worker(env, var_dir)
        stack.callback(worker.stop)
        worker.start()
        sender = subprocess.Popen(
            [harness.PYTHON, "manage.py", "shell", "-c", FLUSH_SENDER],
            cwd=harness.ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        stack.callback(sender.kill)
        # Readers come once flushes run: the sender has had its first flush done.
        for line in sender.stdout:
            if line.strip() == "flushing":
                break
        else:
            raise RuntimeError("the flush sender did not start")
        yield port, worker


# Asks for a flush every half second, as beat would every minute, and keeps asking
# through broker outages (a send that fails is simply tried again).
FLUSH_SENDER = """
import time
from analytics.tasks import flush_analytics
flush_analytics.delay().get(timeout=60)
print("flushing", flush=True)
while True:
    try:
        flush_analytics.apply_async(expires=5)
    except Exception:
        pass
    time.sleep(0.5)
"""


class Worker:
    def __init__(self, env, var_dir: Path):
        self.env, self.log = env, var_dir / "worker.log"
        self.process = None

    def start(self):
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [str(harness.BIN / "celery"), "-A", "core", "worker", "-c", "1", "-P", "solo", "-l", "WARNING"],
                cwd=harness.ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def counted_views(env, page_ids: list[int]) -> int:
    """Flush what Redis still holds (and replay what was kept in SQL), then the total."""
    return harness.django_json(
        env,
        "import json\nfrom analytics.flush import flush_all\nfrom analytics.recorder import recorder\n"
        "from analytics.models import PageViewTotal\nfrom django.db.models import Sum\n"
        "flush_all(recorder()); flush_all(recorder())\n"
        f"print(json.dumps(PageViewTotal.objects.filter(page_id__in={page_ids!r}).aggregate(s=Sum('views'))['s'] or 0))",
    )


def article_pages(env) -> list[tuple[str, str, int]]:
    return harness.django_json(
        env,
        "import json\nfrom tenants.models import Tenant\nfrom core.models import NewsArticlePage\nout = []\n"
        "for t in Tenant.objects.filter(level='district').select_related('site').order_by('pk')[:2]:\n"
        "    home = t.site.root_page\n"
        "    for a in NewsArticlePage.objects.live().descendant_of(home).order_by('pk')[:4]:\n"
        "        out.append([t.site.hostname, a.url_path[len(home.url_path) - 1:], a.pk])\n"
        "print(json.dumps(out))",
    )


def warm(port: int, pages):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for host, path, _pk in pages:
        for _ in range(2):
            # As a crawler, so the warm-up is not itself counted as views.
            connection.request("GET", path, headers={"Host": host, "User-Agent": "Googlebot/2.1 (warm-up)"})
            connection.getresponse().read()


def scenario(name: str, env, var_dir: Path, pages, args, fault) -> dict:
    """Serve, load for a while, run `fault` (which returns when the dependency is back,
    with that moment), load a while more, then count."""
    page_ids = [pk for _h, _p, pk in pages]
    before = counted_views(env, page_ids)
    with platform(env, var_dir) as (port, worker):
        warm(port, pages)
        load = Load(port, [(host, path, True) for host, path, _pk in pages], name)
        with load.running():
            time.sleep(args.before)
            fault_started = time.monotonic()
            restored_at = fault(worker)
            time.sleep(args.after)
        # The worker still gets flushes through the broker after the fault.
        flushes_after = harness.django_json(env, RECENT_FLUSHES % max(1.0, args.after - 1))
        time.sleep(1)  # the last flushes of the worker
    result = judge(load.answers, restored_at)
    if restored_at is not None:
        result["seconds_away"] = round(restored_at - fault_started, 2)
    result["worker_flushes_after_fault"] = flushes_after
    result["views_counted"] = counted_views(env, page_ids) - before
    result["views_lost"] = result["views_sent"] - result["views_counted"]
    print(f"{name}: {result}", flush=True)
    return result


RECENT_FLUSHES = """
import json
from datetime import timedelta
from django.utils import timezone
from analytics.models import FlushRecord
since = timezone.now() - timedelta(seconds=%s)
print(json.dumps(FlushRecord.objects.filter(applied_at__gte=since).count()))
"""


def with_redis(base_env, var_dir: Path, aof: bool, body):
    """A new Redis server, files in their own folder, for one scenario."""
    redis_server = RedisServer(var_dir / "redis", aof)
    redis_server.start()
    env = {**base_env, "REDIS_URL": redis_server.url}
    try:
        return body(env, redis_server)
    finally:
        redis_server.stop()


def redis_dies(outage: float, redis_server: RedisServer):
    def fault(_worker):
        redis_server.kill()
        time.sleep(outage)
        redis_server.start()
        return time.monotonic()

    return fault


def database_unreachable(outage: float, proxy: TcpProxy):
    def fault(_worker):
        proxy.down()
        time.sleep(outage)
        proxy.up()
        return time.monotonic()

    return fault


def primary_fails_over(sentinels: SentinelSet):
    def fault(_worker):
        return sentinels.fail_over()

    return fault


def failover_scenario(base_env, var_dir: Path, pages, args) -> dict:
    sentinels = SentinelSet(var_dir / "sentinel")
    (var_dir / "sentinel").mkdir(parents=True, exist_ok=True)
    sentinels.start()
    try:
        env = {**base_env, **sentinels.env()}
        return scenario("redis-failover", env, var_dir, pages, args, primary_fails_over(sentinels))
    finally:
        sentinels.stop()


def worker_killed(times: int, every: float):
    def fault(worker: Worker):
        for _ in range(times):
            time.sleep(every)
            worker.kill()
            worker.start()
        return None

    return fault


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--outage", type=float, default=harness.size(10, 2))
    parser.add_argument("--before", type=float, default=harness.size(5, 1))
    parser.add_argument("--after", type=float, default=harness.size(10, 3))
    args = parser.parse_args()
    var_dir = harness.temp_var_dir()

    base_env, _seconds = harness.prepare("--tenants", "2", "--articles", "4")
    database = urlsplit(base_env["DATABASE_URL"])
    proxy = TcpProxy((database.hostname, database.port or 5432))
    base_env = {
        **base_env,
        "DATABASE_URL": database._replace(netloc=f"{database.username}@127.0.0.1:{proxy.port}").geturl(),
    }
    pages = article_pages(base_env)
    results = {}

    def redis_run(name, aof):
        return with_redis(
            base_env,
            var_dir / name,
            aof,
            lambda env, server: scenario(name, env, var_dir / name, pages, args, redis_dies(args.outage, server)),
        )

    for name in ("redis-aof", "redis-empty", "redis-failover", "database", "worker"):
        (var_dir / name).mkdir(parents=True, exist_ok=True)
    results["redis-aof"] = redis_run("redis-aof", True)
    results["redis-empty"] = redis_run("redis-empty", False)
    results["redis-failover"] = failover_scenario(base_env, var_dir / "redis-failover", pages, args)
    results["database"] = with_redis(
        base_env,
        var_dir / "database",
        True,
        lambda env, _server: scenario(
            "database", env, var_dir / "database", pages, args, database_unreachable(args.outage, proxy)
        ),
    )
    results["worker"] = with_redis(
        base_env,
        var_dir / "worker",
        True,
        lambda env, _server: scenario(
            "worker", env, var_dir / "worker", pages, args, worker_killed(5, max(1.0, args.outage / 5))
        ),
    )
    report(results, args)


def report(results: dict, args):
    goals = {
        name: {
            "no 5xx on cached pages": result["5xx_on_cached_pages"] == 0,
            "no view lost": result["views_lost"] == 0 or name == "redis-empty",
            "recovered within 5 s": result.get("recovered", True),
        }
        for name, result in results.items()
    }
    harness.write_result(
        "faults",
        {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": harness.machine(),
            "outage_seconds": args.outage,
            "results": results,
            "goals_met": goals,
        },
    )
    rows = [
        "| fault | requests | 5xx cached / other | p99 ms | views sent | counted | lost | s away | s to no errors |"
        " s to cache hits |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in results.items():
        rows.append(
            f"| {name} | {r['requests']:,} | {r['5xx_on_cached_pages']} / {r['5xx_other']} | {r['p99_ms']} | "
            f"{r['views_sent']:,} | {r['views_counted']:,} | {r['views_lost']:,} | {r.get('seconds_away', '–')} | "
            f"{r.get('seconds_to_no_errors', '–')} | {r.get('seconds_to_cache_hits', '–')} |"
        )
    unmet = [f"{name}: {goal}" for name, met in goals.items() for goal, ok in met.items() if not ok]
    harness.update_doc_section(
        "faults",
        f"Measured {datetime.now(UTC):%Y-%m-%d} with `make faults` (outages of {args.outage:g} s under load, "
        f"{os.cpu_count()} CPUs):\n\n"
        + "\n".join(rows)
        + "\n\n"
        + ("Goals not met: " + "; ".join(unmet) if unmet else "Every goal met."),
        doc=OPERATIONS_DOC,
    )
    if unmet and not harness.TINY:
        print("Goals not met:", *unmet, sep="\n  ")


if __name__ == "__main__":
    main()
