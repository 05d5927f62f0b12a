"""A2, the peer: Django's stock per-site cache middleware on django-redis (what
wagtail-cache builds on), with our page cache switched off."""

from core.settings.production import *  # noqa: F403

PAGE_CACHE_ENABLED = False
MIDDLEWARE = [
    "django.middleware.cache.UpdateCacheMiddleware",
    *[m for m in MIDDLEWARE if m != "core.page_cache.middleware.PageCacheMiddleware"],  # noqa: F405
    "django.middleware.cache.FetchFromCacheMiddleware",
]
CACHE_MIDDLEWARE_SECONDS = 600
CACHE_MIDDLEWARE_KEY_PREFIX = "peer"
