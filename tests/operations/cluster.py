"""A small production layout on this machine: two gunicorn servers, two Celery workers
and one beat, on one PostgreSQL database of their own and one Redis, as separate
processes that share nothing but those two servers."""

import json
import os
import subprocess
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

from bench.harness import BIN, PYTHON, ROOT, bench_env, forget_redis_keys, gunicorn, manage, recreate_database

DATABASE = "portal_bench_cluster"


@dataclass
class Cluster:
    env: dict
    ports: tuple[int, int]

    def url(self, server: int, path: str) -> str:
        return f"http://127.0.0.1:{self.ports[server]}{path}"

    def shell(self, code: str):
        """Run `code` in this cluster's Django; it prints JSON on its last line."""
        result = subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", "import json\n" + code],
            cwd=ROOT, env=self.env, capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(f"{code}\nfailed:\n{result.stderr[-3000:]}")
        return json.loads(result.stdout.strip().splitlines()[-1])

    def run_tasks(self, task: str, times: int, args=(), timeout=120) -> list:
        """Send `task` `times` times at once and wait for every result (the workers take
        them concurrently; results are kept even for tasks that usually drop them)."""
        return self.shell(
            "from celery import group\nfrom core.celery import app\n"
            f"sig = app.signature({task!r}, args={tuple(args)!r}, options={{'ignore_result': False}})\n"
            f"print(json.dumps(group(sig.clone() for _ in range({times})).apply_async().get(timeout={timeout})))"
        )


def _drop(url: str):
    parts = urlsplit(url)
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


@contextmanager
def _process(args, env, log: Path):
    with log.open("wb") as out:
        process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


@contextmanager
def running_cluster(var_dir: Path):
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal")
    database_url = urlsplit(base)._replace(path=f"/{DATABASE}").geturl()
    env = {
        **bench_env(var_dir),
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "REDIS_KEY_PREFIX": f"cluster-{os.getpid()}",
        # Mail the workers send lands in files the tests read.
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(var_dir / "mail"),
    }
    recreate_database(env)
    try:
        manage(env, "collectstatic", "--noinput")
        manage(env, "seed_demo", "--port", "80")
        with ExitStack() as stack:
            ports = (stack.enter_context(gunicorn(env)), stack.enter_context(gunicorn(env)))
            for name in ("w1", "w2"):
                stack.enter_context(
                    _process(
                        [str(BIN / "celery"), "-A", "core", "worker", "-c", "2", "-n", f"{name}@%h", "-l", "WARNING"],
                        env,
                        var_dir / f"{name}.log",
                    )
                )
            stack.enter_context(
                _process(
                    [str(BIN / "celery"), "-A", "core", "beat", "-l", "WARNING", "-s", str(var_dir / "beat-schedule")],
                    env,
                    var_dir / "beat.log",
                )
            )
            cluster = Cluster(env, ports)
            deadline = time.monotonic() + 60
            while cluster.run_tasks("core.tasks.ping", 2, args=(1,), timeout=60) != [1, 1]:
                if time.monotonic() > deadline:
                    raise RuntimeError("the workers do not answer")
            yield cluster
    finally:
        forget_redis_keys(env["REDIS_URL"], env["REDIS_KEY_PREFIX"])
        _drop(database_url)
