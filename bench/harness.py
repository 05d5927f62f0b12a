"""Shared parts of the benchmarks: a throw-away PostgreSQL database, the Django
environment for production settings, a gunicorn server on loopback, and timing.

Benchmarks are not tests: they run a real server under bounded load on 127.0.0.1
only, and write what they measured to bench/results/ and docs/performance.md.
"""

import atexit
import hashlib
import http.client
import importlib.metadata
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
BIN = Path(PYTHON).parent

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/portal_bench"
# BENCH_TINY=1: every benchmark runs in a tiny configuration (a few portals, one short
# round) to prove it still works; nothing is recorded and no goal is judged. CI does this
# (make bench-smoke), so a benchmark that breaks is seen at once.
TINY = os.environ.get("BENCH_TINY") == "1"


def size(full, tiny):
    """The figure to use: the real one, or the tiny one in a smoke run."""
    return tiny if TINY else full


DEFAULT_REDIS = "redis://127.0.0.1:6379/0"


def bench_env(var_dir: Path) -> dict:
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "core.settings.production",
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS),
        "REDIS_KEY_PREFIX": f"bench-{os.getpid()}",
        "SECRET_KEY": "bench-" + "k" * 60,
        "SECURE_SSL_REDIRECT": "false",
        "VAR_DIR": str(var_dir),
        "LOG_LEVEL": "WARNING",
        # wrk stands in for a proxy: its X-Forwarded-For names the reader.
        "ANALYTICS_TRUSTED_PROXIES": "127.0.0.1",
        # The benchmarks sign in as moderators and provincial admins with a password only.
        "ADMIN_TWO_FACTOR_ROLES": "-",
    }


TEMPLATE = "portal_bench_template"


def _checked_name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    if not name.startswith("portal_bench"):
        raise SystemExit(f"Refusing to recreate {name!r}: benchmark databases are named portal_bench*")
    return name


def migrations_fingerprint() -> str:
    """What a migrated database depends on: our migration files and the installed
    packages (theirs come with them)."""
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update("\n".join(packages).encode())
    return digest.hexdigest()


def recreate_database(env: dict):
    """Drop the benchmark database (never the one the app or tests use) and create it
    migrated. Migrating takes about a minute on PostgreSQL and every benchmark (and the
    suite's cluster and Sentinel checks) starts from scratch, so one migrated database
    (TEMPLATE) is kept and cloned, in a fraction of a second, while the migrations and
    packages are the ones it was made with; otherwise it is made again first."""
    url = env["DATABASE_URL"]
    name = _checked_name(url)
    template = TEMPLATE
    fingerprint = migrations_fingerprint()
    admin_url = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        # Test workers (pytest-xdist) and benchmarks may get here at once: one makes the
        # template, the others wait for it (the lock ends with the connection).
        conn.execute("SELECT pg_advisory_lock(hashtext(%s))", [template])
        made_with = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [template]
        ).fetchone()
        if made_with is None or made_with[0] != fingerprint:
            print(f"Migrating a template database {template} …", flush=True)
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(template)))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(template)))
            manage(
                {**env, "DATABASE_URL": urlsplit(url)._replace(path=f"/{template}").geturl()}, "migrate", "--noinput"
            )
            conn.execute(
                sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(template), sql.Literal(fingerprint))
            )
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template)))


def prepare(*seed_args, static=True) -> tuple[dict, float]:
    """A fresh benchmark database, migrated and seeded (seed_demo with these arguments).
    Returns the environment for the servers and the seconds seeding took."""
    env = bench_env(temp_var_dir())
    atexit.register(forget_redis_keys, env["REDIS_URL"], env["REDIS_KEY_PREFIX"])
    print(f"Preparing {env['DATABASE_URL']} …", flush=True)
    recreate_database(env)
    if static:
        manage(env, "collectstatic", "--noinput")
    started = time.monotonic()
    manage(env, "seed_demo", "--port", "80", *seed_args)
    return env, round(time.monotonic() - started, 1)


def forget_redis_keys(url: str, prefix: str):
    """Delete the run's keys at exit. A run leaves hundreds of thousands of visitor keys
    (each lives 30 minutes) on the shared server, where they slow every SCAN, the test
    suite's included."""
    import redis

    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=10_000))
    for start in range(0, len(keys), 10_000):
        client.delete(*keys[start : start + 10_000])


def manage(env, *args, quiet=True):
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def django_json(env, code: str):
    """Run `code` in the benchmark's Django (manage.py shell) and read the JSON it
    prints on its last line."""
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(env, *, workers=2, threads=4, app="core.wsgi:application", extra_env=None):
    port = free_port()
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--worker-connections",
            str(threads * 4),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**env, **(extra_env or {})},
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def timed_get(connection: http.client.HTTPConnection, host: str, path: str) -> tuple[float, int, bytes]:
    started = time.perf_counter()
    connection.request("GET", path, headers={"Host": host})
    response = connection.getresponse()
    body = response.read()
    return (time.perf_counter() - started) * 1000, response.status, body


def summarize(samples_ms: list[float]) -> dict:
    ordered = sorted(samples_ms)
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 2),
        "max_ms": round(ordered[-1], 2),
    }


def machine() -> dict:
    import django
    import wagtail

    with psycopg.connect(os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE).rsplit("/", 1)[0] + "/postgres") as c:
        pg = c.execute("SHOW server_version").fetchone()[0]
    return {
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "postgresql": pg,
    }


def write_result(name: str, result: dict):
    if TINY:
        print(f"Tiny run of {name}: it works; nothing recorded.")
        return RESULTS / f"{name}.json"
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return path


def temp_var_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="portal-bench-"))


def process_tree_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children (gunicorn's workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        own, parent = int(entry.name), int(fields[1])
        if own == pid or parent == pid:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def process_tree_rss_mb(pid: int) -> dict:
    """Resident memory of each gunicorn worker (children of the master), in MB."""
    sizes = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if int(fields.get("PPid", "0").strip()) == pid:
            sizes[int(entry.name)] = round(int(fields["VmRSS"].split()[0]) / 1024, 1)
    return sizes


DOC = ROOT / "docs" / "performance.md"


def update_doc_section(name: str, markdown: str, doc: Path = DOC):
    """Replace this benchmark's section of a document (docs/performance.md unless
    told otherwise), between its markers."""
    if TINY:
        return
    begin, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    text = doc.read_text() if doc.exists() else "# Performance\n"
    block = f"{begin}\n{markdown.strip()}\n{end}"
    if begin in text:
        head, rest = text.split(begin, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    doc.write_text(text)


def server_pid(port: int) -> int:
    """The pid of the gunicorn master listening on this port (from its process list)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"--bind" in cmdline and f"127.0.0.1:{port}".encode() in cmdline:
            status = (entry / "status").read_text()
            parent = int(next(line for line in status.splitlines() if line.startswith("PPid:")).split()[1])
            parent_cmd = (Path("/proc") / str(parent) / "cmdline").read_bytes()
            if f"127.0.0.1:{port}".encode() not in parent_cmd:
                return int(entry.name)
    raise RuntimeError(f"no gunicorn on port {port}")
