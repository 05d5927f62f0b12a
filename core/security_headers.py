"""Security headers on every response. The middleware stands twice in the stack: first,
so that answers made before the rest runs (an unknown host's 404) or from an exception
below (the 503 of a database outage) get them; and below the page cache, so that cached
pages are stored, and served on a hit, with them.

The Content-Security-Policy comes from django-csp. Public pages run no inline script
(script-src 'self'); their only inline style is the portal's colours. Wagtail's admin
still needs inline scripts, so /admin/ gets its own, looser policy.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings

ADMIN_PREFIX = "/admin/"


class SecurityHeadersMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path.startswith(ADMIN_PREFIX) and parts.config is None:
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response
