"""What a cache in front (nginx's proxy_cache, a CDN) is told about each answer.

Only when a purge target is configured (FRONTEND_CACHE_ENABLED): a front cache may keep
only what we can make it drop. It may then keep exactly what our own page cache stores,
less anything with a query string (searches, filters, other pages of a list, tracking
parameters): those are many addresses per page that a purge by address could never
name, and our page cache answers them well enough. Stale copies (served while rendered
again) are never marked: a front cache would keep the old content past the purge.

Cache-Control: public, max-age=0, s-maxage=N   shared caches keep it N seconds (or until
                                               purged); browsers ask again each time
Cache-Tag / Surrogate-Key                      the portal's and the page's keys
                                               (keys.portal_tag, keys.page_tag) for CDNs
                                               that purge by tag (Cloudflare, Fastly)
"""

from django.conf import settings

from .keys import page_tag, portal_tag

RAW_QUERY_KEY = "portal.raw_query"  # the query string before tracking parameters were dropped


def raw_query(environ) -> str:
    return environ.get(RAW_QUERY_KEY, environ.get("QUERY_STRING", ""))


def front_headers(tenant_id: int, page_id, status: int, environ) -> list[tuple[str, str]]:
    """The headers that let a front cache keep this shareable answer; none if it may not."""
    if not settings.FRONTEND_CACHE_ENABLED or raw_query(environ):
        return []
    max_age = settings.FRONTEND_CACHE_MAX_AGE if status == 200 else settings.PAGE_CACHE_404_TTL
    tags = [portal_tag(tenant_id)] + ([page_tag(page_id)] if page_id else [])
    return [
        ("Cache-Control", f"public, max-age=0, s-maxage={max_age}"),
        ("Cache-Tag", ",".join(tags)),
        ("Surrogate-Key", " ".join(tags)),
    ]
