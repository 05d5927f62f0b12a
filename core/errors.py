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
    response = HttpResponse(render_to_string("errors/unavailable.html", context), status=503 if outage else 500)
    if outage:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
