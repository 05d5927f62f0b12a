"""Answer cache hits before Django runs.

A hit costs: parse the Host header, look the portal up in the in-process registry,
hash the key, one Redis round trip, write the stored bytes. No Django middleware,
no URL resolving, no SQL. Everything else (misses, logged-in users, POSTs, the admin,
aliases, unknown hosts, Redis down) goes to Django unchanged.

A stale page (its portal changed since it was stored) is answered the same way, marked
X-Cache: STALE; the one request the store chose renders it again through Django once
its own answer is sent (RenderAfterwards), so no reader waits for a publish.
"""

import io
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus

from django.conf import settings
from django.http.request import split_domain_port

from analytics.placeholders import Numbers, fill
from analytics.recorder import recorder, should_count
from tenants.registry import registry

from .front_headers import RAW_QUERY_KEY, front_headers
from .keys import is_eligible, normalized_query, page_digest, request_scheme, without_tracking
from .store import page_store, unpack_meta

ENVIRON_KEY = "portal.page_cache"  # (tenant id, version, digest) for the middleware

logger = logging.getLogger(__name__)


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
        environ[RAW_QUERY_KEY] = environ.get("QUERY_STRING", "")
        environ["QUERY_STRING"] = without_tracking(environ[RAW_QUERY_KEY])
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
        plan = (record.id, result[0].decode(), digest)
        if len(result) == 1:
            environ[ENVIRON_KEY] = plan
            return self.app(environ, start_response)

        meta, body, _counted, page_id, state, *numbers = result[1:]
        status, headers = unpack_meta(meta)
        if numbers[0] in (b"0", 0):
            # The floors went with Redis' data (a restart): seed them from SQL, once.
            numbers = analytics.read_after_seeding(record.id, page_id.decode())
        body = fill(body, Numbers.from_script(numbers))
        headers.append(("Content-Length", str(len(body))))
        headers.extend(_outcome_headers(state, record.id, page_id, status, environ))
        start_response(_status_line(status), headers)
        answer = [] if method == "HEAD" else [body]
        if state == b"RENDER":
            return RenderAfterwards(answer, self.app, environ, plan)
        return answer


def _outcome_headers(state: bytes, tenant_id: int, page_id: bytes, status: int, environ) -> list:
    if state != b"HIT":  # a stale copy kept in front would outlive the purge that follows a change
        return [("X-Cache", "STALE")]
    return [("X-Cache", "HIT"), *front_headers(tenant_id, page_id.decode(), status, environ)]


class RenderAfterwards:
    """A stale page's answer; when the server has sent it (and calls close(), as WSGI
    servers must), the page is rendered again through Django and stored (the cache
    middleware stores it under the plan's version). The rendering runs on this
    process's render threads, so neither this reader nor the next request on its
    connection waits for it; when those are busy, it runs here instead."""

    def __init__(self, answer, app, environ, plan):
        self.answer, self.app, self.environ, self.plan = answer, app, environ, plan

    def __iter__(self):
        return iter(self.answer)

    def close(self):
        if not (settings.PAGE_CACHE_RENDER_IN_BACKGROUND and _renderers.take(self.render)):
            self.render()

    def render(self):
        environ = {
            **self.environ,
            "REQUEST_METHOD": "GET",
            "wsgi.input": io.BytesIO(b""),
            ENVIRON_KEY: self.plan,
            # Not a reader's view (that one was counted with the stale answer).
            "HTTP_SEC_PURPOSE": "prefetch",
        }
        try:
            result = self.app(environ, lambda status, headers, exc_info=None: lambda data: None)
            try:
                for _chunk in result:
                    pass
            finally:
                if hasattr(result, "close"):
                    result.close()
        except Exception:  # the stale copy stays; another request tries once its lock expires
            logger.exception("Could not render a stale page again")


class _Renderers:
    """A few threads per process that render stale pages again, with a bounded queue
    (past it, the request's own thread renders: work is never dropped)."""

    def __init__(self):
        self._pool = None
        self._pending = 0
        self._lock = threading.Lock()

    def take(self, job) -> bool:
        with self._lock:
            if self._pending >= settings.PAGE_CACHE_RENDER_QUEUE:
                return False
            if self._pool is None:  # made in the serving process, after the fork
                self._pool = ThreadPoolExecutor(settings.PAGE_CACHE_RENDER_THREADS, thread_name_prefix="page-render")
            self._pending += 1
        self._pool.submit(self._run, job)
        return True

    def _run(self, job):
        try:
            job()
        finally:
            with self._lock:
                self._pending -= 1


_renderers = _Renderers()
