"""The outermost WSGI layer, in front of the page cache's fast path and Django.

- `/metrics` is answered here, before tenant routing, to METRICS_ALLOWED_IPS only.
- Every request gets a request id (nginx's X-Request-ID when it came through a trusted
  proxy, else a new one), returned in the response and carried by every log record.
- Every request, cache hits included, is counted and timed (operations.metrics) and
  logged once to `operations.access`: method, path without its query, status, time,
  portal, cache outcome. Never an address or a user agent, and never the query string
  (citizens' searches stay theirs).
"""

import ipaddress
import logging
import re
import time
import uuid

from django.conf import settings
from django.http.request import split_domain_port

from . import metrics
from .context import PORTAL, REQUEST_ID

access_log = logging.getLogger("operations.access")
REQUEST_ID_SHAPE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class OperationsApp:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") == "/metrics":
            return metrics_endpoint(environ, start_response)
        request_id = incoming_request_id(environ) or uuid.uuid4().hex
        environ["HTTP_X_REQUEST_ID"] = request_id
        portal = portal_of(environ)
        id_token, portal_token = REQUEST_ID.set(request_id), PORTAL.set(portal)
        answer = {"status": 500, "cache": "NONE"}

        def recording_start_response(status, headers, exc_info=None):
            answer["status"] = int(status.split(" ", 1)[0])
            answer["cache"] = next((v for k, v in headers if k.lower() == "x-cache"), "NONE")
            headers.append(("X-Request-ID", request_id))
            return start_response(status, headers, exc_info)

        started = time.perf_counter()
        try:
            return self.app(environ, recording_start_response)
        finally:
            seconds = time.perf_counter() - started
            metrics.observe(portal, answer["status"], answer["cache"], seconds)
            access_log.info(
                "%s %s %s %.1fms",
                environ.get("REQUEST_METHOD", "-"),
                environ.get("PATH_INFO", "-"),
                answer["status"],
                seconds * 1000,
                extra={
                    "method": environ.get("REQUEST_METHOD", "-"),
                    "path": environ.get("PATH_INFO", "-"),
                    "status": answer["status"],
                    "duration_ms": round(seconds * 1000, 1),
                    "cache": answer["cache"],
                },
            )
            REQUEST_ID.reset(id_token)
            PORTAL.reset(portal_token)


def portal_of(environ) -> str:
    """The portal's slug, or "unknown": only registered portals become label values."""
    from tenants.registry import registry

    domain, _port = split_domain_port(environ.get("HTTP_HOST") or environ.get("SERVER_NAME", ""))
    try:
        record, _is_alias = registry.lookup(domain)
    except Exception:
        record = None
    return record.slug if record is not None else "unknown"


def incoming_request_id(environ) -> str | None:
    """Trust a request id only from our own proxy, and only in a plain shape."""
    from analytics.visitors import is_trusted_proxy

    given = environ.get("HTTP_X_REQUEST_ID", "")
    if given and is_trusted_proxy(environ.get("REMOTE_ADDR", "")) and REQUEST_ID_SHAPE.match(given):
        return given
    return None


def metrics_endpoint(environ, start_response):
    if not _allowed(environ):
        body = b"Forbidden\n"
        headers = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))]
        start_response("403 Forbidden", headers)
        return [body]
    body, content_type = metrics.scrape()
    headers = [("Content-Type", content_type), ("Content-Length", str(len(body))), ("Cache-Control", "no-store")]
    start_response("200 OK", headers)
    return [body]


def _allowed(environ) -> bool:
    """The caller and every hop a proxy says the request came through must be allowed:
    behind nginx the caller is always loopback, and the reader is in X-Forwarded-For."""
    hops = [hop.strip() for hop in environ.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    return all(_listed(address) for address in [environ.get("REMOTE_ADDR", ""), *hops])


def _listed(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False) for net in settings.METRICS_ALLOWED_IPS)
