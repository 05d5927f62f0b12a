"""A real Celery worker, on the same Redis the suite uses, runs our tasks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache

from core.celery import app
from core.tasks import HEARTBEAT_KEY, heartbeat, ping

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def worker():
    # The child inherits REDIS_URL and REDIS_KEY_PREFIX from this run, so it talks to
    # the same server under the same private prefix.
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "core",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "WARNING",
            "--without-mingle",
            "--without-gossip",
            "-n",
            f"test-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "core.settings.test"},
    )
    yield process
    process.terminate()
    process.wait(timeout=30)


@pytest.mark.slow
def test_worker_runs_tasks_through_the_redis_broker(worker):
    assert ping.delay("xin chào").get(timeout=60) == "xin chào"
    sent_at = heartbeat.delay().get(timeout=30)
    assert cache.get(HEARTBEAT_KEY) == sent_at


def test_broker_and_cache_share_the_configured_redis_and_prefix(settings):
    assert app.conf.broker_url.replace("redis+socket://", "unix://") == settings.REDIS_URL
    assert app.conf.broker_transport_options["global_keyprefix"].startswith(settings.REDIS_KEY_PREFIX)
    assert settings.CACHES["default"]["KEY_PREFIX"] == settings.REDIS_KEY_PREFIX
