"""The WSGI entry point freezes what loading the app left behind (issue 17): full
collections no longer walk Django's and Wagtail's long-lived objects on every admin
request. Checked in a fresh interpreter (freezing is for the process's lifetime)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_loading_the_wsgi_app_freezes_its_objects():
    code = "import gc, core.wsgi; print(gc.get_freeze_count(), len(gc.get_objects()), gc.get_threshold()[0])"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "core.settings.test"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    frozen, tracked, threshold = map(int, result.stdout.split()[-3:])
    assert frozen > 50_000, result.stdout
    assert tracked < frozen / 10, "most long-lived objects are left for the collector to walk"
    assert threshold >= 10_000
