"""H, the peer of bench/versus_hitcount.py: django-hitcount 1.3.5 counts every page view.

It counts inside the view, so no full-page cache can sit in front of it: our page
cache and our analytics are off, hitcount and its per-request session are on."""

from core.settings.production import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "hitcount", "hitcount_peer"]  # noqa: F405
PAGE_CACHE_ENABLED = False
MIDDLEWARE = [
    m
    for m in MIDDLEWARE  # noqa: F405
    if m not in ("core.page_cache.middleware.PageCacheMiddleware", "analytics.middleware.AnalyticsMiddleware")
]
HITCOUNT_KEEP_HIT_ACTIVE = {"days": 7}
