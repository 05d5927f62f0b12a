"""Every benchmark still runs (issue 17: a benchmark nobody runs rots unnoticed).

Each script runs in its tiny configuration (BENCH_TINY=1: a few portals, one short
round, nothing recorded, no speed judged) against its own throw-away PostgreSQL
database, so they can run beside each other and beside the rest of the suite under
pytest-xdist. A script that no longer works (a body check tied to old markup, a renamed
fixture or command) fails here with its output. `make bench-smoke` runs only these.
"""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

SERVER = "postgres://postgres@127.0.0.1:5432"
ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted(p.stem for p in (ROOT / "bench").glob("*.py") if p.stem not in {"harness", "minimal_app"})
SCRIPTS = [s for s in SCRIPTS if not s.endswith("_settings")]


def test_every_benchmark_script_is_smoke_run_here():
    # A new script joins the smoke run by existing: the list is read from bench/.
    assert {"page_cache", "publish", "admin_screens", "faults"} <= set(SCRIPTS)


@pytest.fixture
def bench_database(request):
    """The script's own database, dropped afterwards (the migrated template it is cloned
    from stays, as for every benchmark)."""
    name = f"portal_bench_smoke_{request.node.callspec.params['script']}"
    yield f"{SERVER}/{name}"
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.mark.slow
@pytest.mark.parametrize("script", SCRIPTS)
def test_the_benchmark_runs_in_its_tiny_configuration(script, bench_database):
    env = {**os.environ, "BENCH_TINY": "1", "BENCH_DATABASE_URL": bench_database}
    for name in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_KEY_PREFIX", "PYTEST_XDIST_WORKER"):
        env.pop(name, None)
    run = subprocess.run(
        [sys.executable, f"bench/{script}.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, f"bench/{script}.py failed:\n{run.stdout[-4000:]}\n{run.stderr[-4000:]}"
