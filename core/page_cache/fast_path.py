"""Answer cache hits before Django runs.

A hit costs: parse the Host header, look the portal up in the in-process registry,
hash the key, one Redis round trip, write the stored bytes. No Django middleware,
no URL resolving, no SQL. Everything else (misses, logged-in users, POSTs, the admin,
aliases, unknown hosts, Redis down) goes to Django unchanged.
"""

from http import HTTPStatus

from django.conf import settings
from django.http.request import split_domain_port

from analytics.placeholders import Numbers, fill
from analytics.recorder import recorder, should_count
from tenants.registry import registry

from .keys import is_eligible, normalized_query, page_digest, request_scheme, without_tracking
from .store import page_store, unpack_meta

ENVIRON_KEY = "portal.page_cache"  # (tenant id, generation, digest) for the middleware


def _status_line(code: int) -> str:
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


class PageCacheApp:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if not settings.PAGE_CACHE_ENABLED:
            return self.app(environ, start_response)
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/")
        if not is_eligible(method, path, environ.get("HTTP_COOKIE", "")):
            return self.app(environ, start_response)
        environ["QUERY_STRING"] = without_tracking(environ.get("QUERY_STRING", ""))
        query = normalized_query(environ["QUERY_STRING"])
        if query is None:
            return self.app(environ, start_response)
        domain, _port = split_domain_port(environ.get("HTTP_HOST") or environ.get("SERVER_NAME", ""))
        record, is_alias = registry.lookup(domain)
        if record is None or is_alias or not record.is_active:
            return self.app(environ, start_response)

        digest = page_digest(request_scheme(environ), record.id, path, query)
        count = should_count(environ)
        try:
            analytics = recorder()
            visitor = analytics.visitor_for(record.id, environ) if count else ""
            analytics_args = analytics.script_args(record.id, count, visitor, "")
        except Exception:  # Redis unavailable for the salt: let Django serve and fall back
            return self.app(environ, start_response)
        result = page_store().fetch(record.id, digest, analytics_args)
        if result is None:  # Redis unavailable: render uncached
            return self.app(environ, start_response)
        generation = result[0].decode()
        if len(result) == 1:
            environ[ENVIRON_KEY] = (record.id, generation, digest)
            return self.app(environ, start_response)

        meta, body, _counted, page_id, *numbers = result[1:]
        status, headers = unpack_meta(meta)
        if numbers[0] in (b"0", 0):
            # The floors went with Redis' data (a restart): seed them from SQL, once.
            numbers = analytics.read_after_seeding(record.id, page_id.decode())
        body = fill(body, Numbers.from_script(numbers))
        headers.append(("Content-Length", str(len(body))))
        headers.append(("X-Cache", "HIT"))
        start_response(_status_line(status), headers)
        return [] if method == "HEAD" else [body]
