"""Tenant isolation for every admin URL, in one place.

Wagtail does not isolate sites: many of its views (choosers, move and compare views,
revision and history views, the admin API, wagtail-localize's endpoints) look an
object up by the id in the URL and only then, if at all, check a permission. This
middleware runs before any admin view: it reads the view's URL arguments, finds the
portal owning each object they name (tenants.ownership) and answers 404 unless the
user's scope (tenants.scoping) covers it. A view added later is covered the same way.

Reading is allowed on portals above the user's (a district reads its province's
directives); anything but GET/HEAD needs the object's portal to be the user's own.
Listings without ids are filtered by hooks in tenants.wagtail_hooks.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.template.response import TemplateResponse
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Revision, Site

from . import tags
from .ownership import UNOWNED, model_from_labels, owner_of
from .scoping import scope_for

ADMIN_PREFIXES = ("/admin/", "/documents/")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

ARGUMENT_MODELS = {
    "page_id": Page,
    "parent_page_id": Page,
    "page_to_move_id": Page,
    "destination_id": Page,
    "page_pk": Page,
    "revision_id": Revision,
    "revision_id_a": Revision,
    "revision_id_b": Revision,
    "redirect_id": Redirect,
    "collection_id": Collection,
    "site_id": Site,
}
GENERIC_ID_ARGUMENTS = ("pk", "object_id")
LABEL_PAIRS = (
    ("app_label", "model_name"),
    ("app_name", "model_name"),
    ("content_type_app_name", "content_type_model_name"),
)

# Views that list every portal's objects at once, with no per-portal filter in Wagtail:
# superusers only, until each gets a filtered version of its own.
SUPERUSER_ONLY = {
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_results",
    "wagtailadmin_reports:workflow_tasks",
    "wagtailadmin_reports:workflow_tasks_results",
    "wagtail_localize:snippets_api_listing",
}
# Signing in and out must work for a user with no portal, to reach this page at all.
ACCOUNT_VIEWS = ("wagtailadmin_login", "wagtailadmin_logout", "wagtailadmin_password_reset")


def _is_account_view(match) -> bool:
    return match is not None and (match.url_name or "").startswith(ACCOUNT_VIEWS)


def no_portal_response(request):
    """A signed-in user who belongs to no portal yet: say so, instead of an error."""
    return TemplateResponse(request, "tenants/no_portal.html", status=403)


TAG_AUTOCOMPLETE = {"wagtailadmin_tag_autocomplete", "wagtailadmin_tag_model_autocomplete"}


def _models():
    return {"image_id": get_image_model(), "document_id": get_document_model(), "doc_id": get_document_model()}


def _model_for_generic_id(view_func, kwargs):
    for app_key, model_key in LABEL_PAIRS:
        if app_key in kwargs and model_key in kwargs:
            return model_from_labels(kwargs[app_key], kwargs[model_key])
    if "content_type_id" in kwargs:
        return ContentType.objects.get_for_id(kwargs["content_type_id"]).model_class()
    view_class = getattr(view_func, "view_class", None)
    model = getattr(view_func, "view_initkwargs", {}).get("model") or getattr(view_class, "model", None)
    if isinstance(model, str):  # chooser viewsets name their model "app_label.ModelName"
        model = model_from_labels(*model.split(".", 1)) if "." in model else None
    return model if isinstance(model, type) else None


def _lineage_ids(request) -> set[int]:
    from .registry import registry

    tenant = getattr(request, "tenant", None)
    return {r.id for r in registry.lineage(registry.by_id(tenant.id))} if tenant else set()


class AdminIsolationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Wagtail's tag listings have no request; they read the user from here.
        token = tags.admin_user.set(getattr(request, "user", None) if request.path.startswith("/admin/") else None)
        try:
            return self.get_response(request)
        finally:
            tags.admin_user.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith(ADMIN_PREFIXES):
            return None
        if request.path.startswith("/documents/"):
            self._check_document_host(request, view_kwargs)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_superuser:
            return None
        scope = scope_for(user)
        match = request.resolver_match
        if not scope.visible and request.path.startswith("/admin/") and not _is_account_view(match):
            return no_portal_response(request)
        if match is not None and match.view_name in SUPERUSER_ONLY:
            raise Http404
        if match is not None and match.view_name in TAG_AUTOCOMPLETE:
            return tags.autocomplete(request)
        allowed = scope.can_read if request.method in SAFE_METHODS else scope.can_see
        models = {**ARGUMENT_MODELS, **_models()}
        for name, value in view_kwargs.items():
            model = models.get(name)
            if model is None and name in GENERIC_ID_ARGUMENTS:
                model = _model_for_generic_id(view_func, view_kwargs)
            if model is None:
                continue
            owner = owner_of(model, value)
            if owner is not UNOWNED and not allowed(owner):
                raise Http404  # as if it did not exist: failing is better than revealing
        return None

    @staticmethod
    def _check_document_host(request, view_kwargs):
        """A document is served on its own portal's hostname (or a portal below it,
        which links its province's files), never on an unrelated portal's."""
        document_id = view_kwargs.get("document_id")
        if document_id is None:
            return
        owner = owner_of(get_document_model(), document_id)
        if owner is not UNOWNED and owner not in _lineage_ids(request):
            raise Http404
