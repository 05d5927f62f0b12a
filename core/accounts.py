"""Signing in to the admin: throttled by django-axes, per account and per address.

Failed attempts are counted in Redis (axes' cache handler), never written to the
database, and never logged with the address: nothing here stores who tried from where.
"""

from analytics.visitors import client_address


def client_ip(request) -> str:
    """The reader's address as analytics sees it: X-Forwarded-For is believed only from
    the proxies in ANALYTICS_TRUSTED_PROXIES."""
    return client_address(request.META)


def locked_out(request, original_response=None, credentials=None):
    """The answer to a sign-in while the account or the address is locked: 429, in
    Vietnamese, saying for how long."""
    from django.conf import settings
    from django.shortcuts import render

    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "errors/locked_out.html", context, status=429)
