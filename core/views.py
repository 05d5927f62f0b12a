import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django_redis import get_redis_connection

from analytics.persistence import aof_enabled

from .page_cache.store import page_store
from .tasks import HEARTBEAT_KEY

# Beat runs the heartbeat every minute; older than this, something is stopped.
HEARTBEAT_STALE_SECONDS = 180
AOF_OFF = "off: views not yet flushed (up to a minute) are lost if Redis restarts; set appendonly yes"


def healthz(request):
    """For load balancers and operators: can this process reach the database and
    Redis, and has the Celery beat heartbeat run recently? 503 if a part is down."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # report, don't crash: this page exists to say what is wrong
        checks["database"] = f"error: {exc.__class__.__name__}"
    try:
        # The cache swallows Redis errors (pages must render without it), so a cache
        # read cannot tell "down" from "empty": ask the server itself.
        get_redis_connection("default").ping()
        checks["redis"] = "ok"
        beat = cache.get(HEARTBEAT_KEY)
        checks["celery_beat"] = "never ran" if beat is None else f"{int(time.time() - beat)} s ago"
        # Not a failure (pages and counting work), but unflushed views die with a restart.
        checks["redis_persistence"] = "aof" if aof_enabled(page_store().client) else AOF_OFF
    except Exception as exc:
        checks["redis"] = f"error: {exc.__class__.__name__}"
        checks["celery_beat"] = "unknown: Redis is down"
    healthy = checks["database"] == "ok" and checks["redis"] == "ok"
    body = {"status": "ok" if healthy else "error", "checks": checks}
    if settings.DEBUG:
        body["settings"] = settings.SETTINGS_MODULE
    return JsonResponse(body, status=200 if healthy else 503)


def favicon(request):
    """/favicon.ico, which browsers and crawlers ask for on their own: the portal's icon
    (its theme's logo, else the national emblem), by a redirect the browser keeps."""
    from django.http import HttpResponsePermanentRedirect

    from .metadata import icon_url

    return HttpResponsePermanentRedirect(icon_url(getattr(request, "portal_theme", None)))
