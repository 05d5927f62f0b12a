"""Resolve the portal from the Host header: the one place this happens.

Runs first in the middleware stack. An unknown or inactive host gets a plain 404 page
that names no portal (failing is better than revealing data); an alias gets a 301 to
the primary hostname; a known host gets request.tenant and request._wagtail_site set,
built from the in-memory registry, so Wagtail never falls back to a default site and
resolving the portal costs no SQL query.
"""

from django.http import HttpResponseNotFound, HttpResponsePermanentRedirect
from django.http.request import split_domain_port
from django.template.loader import render_to_string
from wagtail.models import Site

from .context import _current
from .models import Tenant
from .registry import registry
from .site_root_index import one_list_per_request

HEALTH_PATH = "/healthz"


def unknown_host_response():
    return HttpResponseNotFound(render_to_string("tenants/unknown_host.html"))


class TenantMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raw_host = request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", "")
        domain, port = split_domain_port(raw_host)
        record, is_alias = registry.lookup(domain)

        if record is None or not record.is_active:
            if request.path == HEALTH_PATH and domain in _fixed_hosts():
                return self.get_response(request)  # load balancers probe by IP or fixed name
            return unknown_host_response()
        if is_alias:
            return HttpResponsePermanentRedirect(
                f"{request.scheme}://{record.hostname}{':' + port if port else ''}{request.get_full_path()}"
            )

        request.tenant = _tenant_from(record)
        request._wagtail_site = request.tenant.site
        token = _current.set(request.tenant)
        try:
            with registry.one_map_per_request(), one_list_per_request():
                return self.get_response(request)
        finally:
            _current.reset(token)


def _fixed_hosts():
    from django.conf import settings

    return settings.EXTRA_ALLOWED_HOSTS


def _tenant_from(record):
    """Fresh, unsaved-looking model instances per request: nothing mutable is shared
    between requests or threads, and nothing here queries the database."""
    site = Site(
        id=record.site_id,
        hostname=record.hostname,
        port=record.site_port,
        site_name=record.site_name,
        root_page_id=record.root_page_id,
        is_default_site=False,
    )
    site._state.adding = False
    site._state.db = "default"
    tenant = Tenant(
        id=record.id,
        slug=record.slug,
        name=record.name,
        level=record.level,
        parent_id=record.parent_id,
        hostname=record.hostname,
        is_active=record.is_active,
        archived_at=record.archived_at,
        site_id=record.site_id,
        collection_id=record.collection_id,
    )
    tenant._state.adding = False
    tenant._state.db = "default"
    tenant.site = site
    return tenant
