"""/metrics, request ids and the access log, through the real WSGI stack."""

import io
import json
import logging

from django.conf import settings
from django.utils.module_loading import import_string
from prometheus_client import REGISTRY

from operations.context import RequestContextFilter
from tests.analytics.conftest import BROWSERS, visit
from tests.core.test_page_cache import wsgi_get

ARTICLE = "/tin-tuc/giam-sat-chi-thi-24-ct-tu/"


def requests_counted(portal, status="2xx", cache="HIT"):
    labels = {"portal": portal, "status": status, "cache": cache}
    return REGISTRY.get_sample_value("portal_http_requests_total", labels) or 0


def metrics(extra=None):
    return wsgi_get("anything.invalid", "/metrics", extra={"REMOTE_ADDR": "127.0.0.1", **(extra or {})})


def sample(body: str, name: str) -> float:
    return float(next(line for line in body.splitlines() if line.startswith(name + " ")).split()[-1])


def test_metrics_count_each_portals_requests_cache_hits_included(portals):
    before_hits, before_cattien = requests_counted("dateh"), requests_counted("cattien", cache="MISS")
    for browser in BROWSERS:
        visit("dateh.test", ARTICLE, browser)  # a miss, then two hits
    visit("cattien.test", "/")
    visit("nowhere.test", "/")
    status, headers, body = metrics()
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    assert requests_counted("dateh") == before_hits + 2
    assert requests_counted("cattien", cache="MISS") == before_cattien + 1
    assert 'portal="nowhere.test"' not in body and 'portal="unknown",status="4xx"' in body
    assert "portal_http_request_duration_seconds_bucket" in body and "portal_http_request_seconds_total" in body
    assert sample(body, "portals") == 3
    assert sample(body, "analytics_unflushed_views") == 4  # three on Đạ Tẻh's article, one on Cát Tiên's home
    assert sample(body, "analytics_pending_views") == 0
    assert sample(body, "celery_queue_length") >= 0
    assert sample(body, "portal_registry_age_seconds") >= 0
    assert 'portal_metrics_errors{part="redis"} 0.0' in body and 'portal_metrics_errors{part="database"} 0.0' in body


def test_metrics_answer_only_allowed_addresses_even_behind_a_proxy(portals, settings):
    settings.ANALYTICS_TRUSTED_PROXIES = ["127.0.0.1"]
    assert metrics({"REMOTE_ADDR": "203.0.113.5"})[0] == 403
    # nginx on the same machine: the caller is loopback, the reader is who nginx saw
    assert metrics({"HTTP_X_FORWARDED_FOR": "203.0.113.5"})[0] == 403
    assert metrics({"HTTP_X_FORWARDED_FOR": "127.0.0.1, 203.0.113.5"})[0] == 403
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8"]
    assert metrics({"REMOTE_ADDR": "10.1.2.3"})[0] == 200
    assert metrics()[0] == 403


def test_every_answer_has_a_request_id_taken_from_our_proxy_only(portals, settings):
    settings.ANALYTICS_TRUSTED_PROXIES = ["127.0.0.1"]
    _status, headers, _body = visit("dateh.test", "/")
    assert len(headers["X-Request-ID"]) == 32
    from_proxy = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_REQUEST_ID": "nginx-5f2b9c1d"}
    assert wsgi_get("dateh.test", "/", extra=from_proxy)[1]["X-Request-ID"] == "nginx-5f2b9c1d"
    forged = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_REQUEST_ID": "forged-id-12345"}
    assert wsgi_get("dateh.test", "/", extra=forged)[1]["X-Request-ID"] != "forged-id-12345"
    odd = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_REQUEST_ID": "<script>alert(1)</script>"}
    assert "<" not in wsgi_get("dateh.test", "/", extra=odd)[1]["X-Request-ID"]


def test_json_logs_carry_portal_and_request_id_and_never_the_reader(portals):
    config = dict(settings.LOGGING["formatters"]["json"])
    formatter = import_string(config.pop("()"))(config.pop("format"), **config)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(RequestContextFilter())
    access = logging.getLogger("operations.access")
    access.addHandler(handler)
    level = access.level
    access.setLevel(logging.INFO)
    try:
        _status, headers, _body = visit("dateh.test", ARTICLE, extra={"QUERY_STRING": "q=nha+ong+Nguyen"})
    finally:
        access.removeHandler(handler)
        access.setLevel(level)
    line = json.loads(stream.getvalue().strip().splitlines()[-1])
    assert line["portal"] == "dateh" and line["request_id"] == headers["X-Request-ID"]
    assert line["logger"] == "operations.access" and line["status"] == 200 and line["path"] == ARTICLE
    raw = stream.getvalue()
    assert BROWSERS[0][0] not in raw and "Android" not in raw and "Nguyen" not in raw
