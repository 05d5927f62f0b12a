"""Store what Django rendered for an anonymous reader, when it is safe to share."""

from django.conf import settings

from .fast_path import ENVIRON_KEY
from .front_headers import front_headers
from .keys import is_eligible, normalized_query, page_digest, request_scheme
from .store import pack_meta, page_store

CACHEABLE_STATUS = {200, 404}
# Headers that belong to one response, not to the page.
NOT_STORED = {"set-cookie", "content-length", "date", "x-cache"}
PRIVATE_DIRECTIVES = ("private", "no-store", "no-cache")


class PageCacheMiddleware:
    """Second in the stack, right after the portal is resolved, so it stores the
    response with every header the inner middleware added."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        plan = self._plan(request) if settings.PAGE_CACHE_ENABLED else None
        response = self.get_response(request)
        if plan is None:
            response.headers.setdefault("X-Cache", "BYPASS")
            return response
        response["X-Cache"] = "MISS"
        tenant_id, version, digest = plan
        if not self._shareable(request, response):
            if ENVIRON_KEY in request.META:  # whatever copy is stored no longer stands for this URL
                page_store().forget(tenant_id, digest)
        else:
            headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED]
            ttl = settings.PAGE_CACHE_TTL if response.status_code == 200 else settings.PAGE_CACHE_404_TTL
            # The page to count when this copy is served: only full pages that succeeded.
            counted_page = str(getattr(request, "analytics_page_id", "")) if response.status_code == 200 else ""
            entry = (pack_meta(response.status_code, headers), response.content, counted_page)
            page_store().store(tenant_id, version, digest, entry, ttl, found=response.status_code == 200)
            self._mark_for_front(request, response, plan, counted_page)
        return response

    @staticmethod
    def _mark_for_front(request, response, plan, page_id):
        """Let a front cache keep this answer (not stored with it: decided each time it
        is served). Only if nothing changed while it was rendered: the purge that follows
        a change may reach the front cache before this answer does, which would then keep
        the old content."""
        tenant_id, version, _digest = plan
        headers = front_headers(tenant_id, page_id, response.status_code, request.META)
        if headers and page_store().version(tenant_id) == version:
            for name, value in headers:
                response[name] = value

    def _plan(self, request):
        """(tenant id, version, digest) for an eligible request, else None. The
        version is read before rendering: a publish during the render bumps it,
        so this render, stored under the old one, is served as stale at most."""
        if ENVIRON_KEY in request.META:
            return request.META[ENVIRON_KEY]
        tenant = getattr(request, "tenant", None)
        if tenant is None or not is_eligible(
            request.method, request.META.get("PATH_INFO", "/"), request.META.get("HTTP_COOKIE", "")
        ):
            return None
        query = normalized_query(request.META.get("QUERY_STRING", ""))
        if query is None:
            return None
        version = page_store().version(tenant.id)
        if version is None:
            return None
        return (
            tenant.id,
            version,
            page_digest(request_scheme(request.META), tenant.id, request.META.get("PATH_INFO", "/"), query),
        )

    def _shareable(self, request, response) -> bool:
        if response.status_code not in CACHEABLE_STATUS or response.streaming:
            return False
        if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False  # a cookie or a CSRF token in the page belongs to one visitor
        if getattr(request, "is_preview", False) or request.user.is_authenticated:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(directive in cache_control for directive in PRIVATE_DIRECTIVES):
            return False
        return len(response.content) <= settings.PAGE_CACHE_MAX_BYTES
