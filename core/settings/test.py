"""Settings for the pytest suite.

With DATABASE_URL / REDIS_URL set (as .ci/run does) the suite runs against those
servers; otherwise against SQLite and a private embedded Redis that tests/conftest.py
starts for this run only. Either way the run's Redis keys carry a unique prefix so it
never collides with another run or a running demo.
"""

import os
import tempfile
import uuid

from . import env

# A private embedded Redis per run; decided before base reads REDIS_URL.
_RUN_ID = uuid.uuid4().hex[:10]
TEST_EMBEDDED_REDIS_SOCKET = None
if env.get_str("REDIS_URL") is None:
    TEST_EMBEDDED_REDIS_SOCKET = os.path.join(tempfile.gettempdir(), f"portal-test-{_RUN_ID}.sock")
    os.environ["REDIS_URL"] = f"unix://{TEST_EMBEDDED_REDIS_SOCKET}"
os.environ.setdefault("REDIS_KEY_PREFIX", f"test-{_RUN_ID}")
# pytest-xdist workers inherit the prefix of the process that started them (processes a
# test starts must share their test's prefix): each worker adds its name, once, so that
# one worker's clean-up never deletes another's cached pages and counters.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER")
if _WORKER and not os.environ["REDIS_KEY_PREFIX"].endswith(f"-{_WORKER}"):
    os.environ["REDIS_KEY_PREFIX"] += f"-{_WORKER}"

from .base import *  # noqa: F403

# SQLite's test database is a file, not memory: the kill -9 test runs real flush
# processes that must see it (Django deletes the file at the end of the run).
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # On tmpfs where there is one: a file on disk makes the suite twice as slow.
    _folder = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(_folder, f"portal-test-{_RUN_ID}.sqlite3")}

EMBEDDED_REDIS_AUTOSTART = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="portal-test-media-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None
EXTRA_ALLOWED_HOSTS = ["testserver"]
# Tenants change inside tests; the in-process map must see it at once.
TENANT_REGISTRY_CHECK_SECONDS = 0.0
SERVE_MEDIA = True  # no web server in front here
# A stale page is rendered again in close() itself: a render thread would use its own
# database connection, outside the test's transaction (bench-publish runs the threads).
PAGE_CACHE_RENDER_IN_BACKGROUND = False
