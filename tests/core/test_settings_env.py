"""Start-up configuration: malformed URLs stop with one line naming the variable;
production settings pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
LOAD_SETTINGS = "import django; from django.conf import settings; django.setup(); print('loaded')"


def run_with(env_overrides, code=LOAD_SETTINGS, settings_module="core.settings.dev"):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY"}}
    env.update({"DJANGO_SETTINGS_MODULE": settings_module, "REDIS_URL": "redis://127.0.0.1:1/0", **env_overrides})
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "not a url"),
        ("DATABASE_URL", "mysqlx://nope"),
        ("DATABASE_URL", "postgres://postgres@127.0.0.1:5432"),
        ("REDIS_URL", "127.0.0.1:6379"),
        ("REDIS_URL", "redis://127.0.0.1:notaport/0"),
        ("REDIS_URL", "unix://"),
        ("DJANGO_DEBUG", "maybe"),
        ("REDIS_SENTINELS", "127.0.0.1"),
        ("REDIS_SENTINELS", "127.0.0.1:26379,sentinel-b:port"),
    ],
)
def test_malformed_variable_stops_start_up_with_one_line_naming_it(variable, value):
    result = run_with({variable: value})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Configuration error: {variable} ")


def test_production_requires_its_variables():
    result = run_with({"DATABASE_URL": "sqlite:////tmp/x.sqlite3"}, settings_module="core.settings.production")
    assert result.returncode == 1
    assert result.stderr.strip() == "Configuration error: SECRET_KEY must be set"


@pytest.fixture
def redis_with_aof():
    """The machine's Redis set up as docs/operations.md says (AOF on), for the test only."""
    client = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    before = client.config_get("appendonly")["appendonly"]
    client.config_set("appendonly", "yes")
    yield
    client.config_set("appendonly", before)


def test_production_settings_pass_check_deploy_without_warnings(tmp_path, redis_with_aof):
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "SECRET_KEY": "x8#k2!vQ9zL0pR7mW3tY6uI1oA5sD4fG8hJ2kL9zX7cV3bN6mQ1wE5rT0yU4iO8p",
    }
    code = (
        "import sys; from django.core.management import execute_from_command_line; execute_from_command_line(sys.argv)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k != "REDIS_URL"},
            **env,
            "DJANGO_SETTINGS_MODULE": "core.settings.production",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
