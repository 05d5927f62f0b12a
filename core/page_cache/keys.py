"""Which requests the page cache may answer or store, and under which key."""

import hashlib
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage

# Query parameters our pages read; a request with any other parameter is not cached
# (its answer may depend on it), except for tracking parameters that share links
# carry and no page reads, which are dropped from the key.
KEYED_PARAMS = frozenset({"page", "q", "so", "loai", "coquan", "nam", "tinhtrang", "chuyen-muc"})
IGNORED_PARAMS = frozenset({"fbclid", "gclid", "zarsrc", "utm_zalo", "mc_cid", "mc_eid"})
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/", "/healthz", "/django-admin/")
MAX_QUERY_LENGTH = 512


def is_tracking(name: str) -> bool:
    return name in IGNORED_PARAMS or name.startswith("utm_")


def normalized_query(query_string: str) -> str | None:
    """The query string as part of a key, or None if the request carries a parameter
    the cache must not ignore. Known parameters are sorted by name only: the values of a
    repeated one keep their order (?q=a&q=b is not ?q=b&q=a: a page reads the last)."""
    if not query_string:
        return ""
    if len(query_string) > MAX_QUERY_LENGTH:
        return None
    kept = []
    for name, value in parse_qsl(query_string, keep_blank_values=True):
        if name in KEYED_PARAMS:
            kept.append((name, value))
        elif not is_tracking(name):
            return None
    return urlencode(sorted(kept, key=lambda pair: pair[0]))


def without_tracking(query_string: str) -> str:
    """The query string with the tracking parameters taken out, so a page rendered for
    one reader never carries their click id into links other readers are served."""
    if not query_string or not any(marker in query_string for marker in ("utm_", *IGNORED_PARAMS)):
        return query_string
    pairs = parse_qsl(query_string, keep_blank_values=True)
    return urlencode([(name, value) for name, value in pairs if not is_tracking(name)])


def is_eligible(method: str, path: str, cookie_header: str) -> bool:
    """Anonymous reads of public pages: GET or HEAD, no session and no pending
    messages (either could change what the page shows), not the admin, documents,
    static or media files."""
    if method not in ("GET", "HEAD"):
        return False
    if path.startswith(EXCLUDED_PREFIXES):
        return False
    if cookie_header:
        personal = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
        if any(f"{name}=" in cookie_header for name in personal):
            return False
    return True


def request_scheme(environ) -> str:
    """The scheme as Django sees it, honouring SECURE_PROXY_SSL_HEADER."""
    header = settings.SECURE_PROXY_SSL_HEADER
    if header:
        name, secure_value = header
        if environ.get(name, "").split(",")[0].strip() == secure_value:
            return "https"
    return environ.get("wsgi.url_scheme", "http")


def page_digest(scheme: str, tenant_id: int, path: str, query: str) -> str:
    """Language is part of the path (/en/…), so host, path and query name a page."""
    raw = f"{scheme}\n{tenant_id}\n{path}\n{query}".encode("utf-8", "surrogateescape")
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def portal_tag(tenant_id: int) -> str:
    """All of a portal's pages, for a cache in front that purges by tag: the name of the
    generation a bump moves on (store.generation_key, without REDIS_KEY_PREFIX)."""
    return f"pagecache:gen:{tenant_id}"


def page_tag(page_id) -> str:
    """One page (each language version has its own id)."""
    return f"pagecache:page:{page_id}"
