"""What a reader sees when the server cannot answer: the portal's name and look, in
Vietnamese (and English below), never a bare "Server Error (500)".

A database that cannot be reached is an outage, not a fault of the page: 503 with
Retry-After, so browsers, proxies and crawlers come back instead of remembering an
error. Cached pages never get here: they are answered before Django runs.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30
OUTAGES = (OperationalError, InterfaceError)
# When even the error page fails: still Vietnamese first, still not a bare "Server Error".
PLAIN_ERROR = (
    '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Lỗi máy chủ</title>'
    "<h1>Cổng thông tin tạm thời gặp lỗi</h1><p>Xin vui lòng thử lại sau ít phút.</p>"
    '<p lang="en">The portal hit an error. Please try again in a few minutes.</p></html>'
)


def _look(request) -> dict:
    """The portal's stylesheet and colours if they can be had without the database."""
    theme = getattr(request, "portal_theme", None)
    try:
        return {"stylesheet": theme.theme.stylesheet, "css_variables": theme.css_variables} if theme else {}
    except Exception:  # its settings are not cached and the database is down: the default look
        return {}


def server_error(request, *args, **kwargs):
    import sys

    outage = isinstance(sys.exc_info()[1], OUTAGES)
    tenant = getattr(request, "tenant", None)
    context = {"portal_name": tenant.name if tenant else "", "outage": outage, **_look(request)}
    try:
        body = render_to_string("errors/unavailable.html", context)
    except Exception:  # the page itself cannot be drawn (e.g. static files not collected)
        logger.exception("The error page could not be rendered; answering with plain text")
        body = PLAIN_ERROR
    response = HttpResponse(body, status=503 if outage else 500)
    if outage:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
