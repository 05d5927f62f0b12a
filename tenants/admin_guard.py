"""Tenant isolation for every admin request, in one middleware.

For a signed-in user who is not a superuser:
1. **Deny by default.** The view must have a rule in tenants.admin_rules; any other
   admin view answers 404.
2. **One scope.** The request runs in the user's scope (tenants.visibility), which
   tenants.row_scope applies to every query the view makes, streamed responses (CSV
   exports) included. A request about one portal (one of its pages, its settings) runs
   in that portal's scope only.
3. **Every id checked.** Each object named by the URL path or by `?id=` is traced to
   its portal (tenants.ownership); outside the user's portals (or, for choosers, the
   portals above them) the answer is 404, as if it did not exist. Ids in form fields and
   StreamField blocks are checked by the forms themselves (tenants.form_checks).

Public document downloads (/documents/) are checked here too: see tenants.files.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.template.response import TemplateResponse
from django.views.defaults import page_not_found
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Revision, Site, Task, TaskState, Workflow, WorkflowState

from . import files, tags
from .admin_rules import ACCOUNT, LISTING, OURS, READ, rule_for
from .ownership import UNOWNED, model_from_labels, owner_of
from .registry import registry
from .scope_context import active_scope, unscoped
from .visibility import Scope, scope_for

ADMIN_PREFIX = "/admin/"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

# Signing in and out must work for a user with no portal, to reach this page at all.
NO_PORTAL_NEEDED = ("wagtailadmin_login", "wagtailadmin_logout", "wagtailadmin_password_reset")
TAG_AUTOCOMPLETE = {"wagtailadmin_tag_autocomplete", "wagtailadmin_tag_model_autocomplete"}
GENERIC_ID_ARGUMENTS = ("pk", "object_id")
LABEL_PAIRS = (
    ("app_label", "model_name"),
    ("app_name", "model_name"),
    ("content_type_app_name", "content_type_model_name"),
)
# Views that change one portal's content: they run in that portal's scope only.
ONE_PORTAL_VIEWS = {
    "wagtailadmin_pages:add",
    "wagtailadmin_pages:preview_on_add",
    "wagtailadmin_pages:edit",
    "wagtailadmin_pages:preview_on_edit",
    "wagtailadmin_pages:revisions_revert",
    "wagtailsettings:edit",
    "wagtailsettings:preview_on_edit",
}
# Arguments that name rows of one user, not of a portal.
USER_ROWS = {"session_id": ("wagtailadmin", "editingsession"), "uploaded_file_id": ("wagtailcore", "uploadedfile")}


def _argument_models():
    from wagtail_localize.models import OverridableSegment, StringSegment, Translation, TranslationSource

    return {
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
        "image_id": get_image_model(),
        "document_id": get_document_model(),
        "doc_id": get_document_model(),
        "task_state_id": TaskState,
        "workflow_state_id": WorkflowState,
        "task_id": Task,
        "workflow_pk": Workflow,
        "translation_id": Translation,
        "translation_source_id": TranslationSource,
        "string_segment_id": StringSegment,
        "overridable_segment_id": OverridableSegment,
    }


def no_portal_response(request):
    """A signed-in user who belongs to no portal yet, or only to archives: say so,
    instead of an error."""
    from .models import TenantGroup

    with unscoped():  # the person's scope is empty: their own memberships are wanted here
        memberships = list(TenantGroup.objects.filter(group__user=request.user).values_list("tenant_id", flat=True))
    archived = sorted(
        {
            record.name
            for tenant_id in memberships
            if (record := registry.by_id(tenant_id)) is not None and record.archived_at is not None
        }
    )
    return TemplateResponse(request, "tenants/no_portal.html", {"archived": archived}, status=403)


def _view_model(view_func, kwargs):
    """The model a view works on, for its generic `pk` and its `?id=` values."""
    for app_key, model_key in LABEL_PAIRS:
        if app_key in kwargs and model_key in kwargs:
            return model_from_labels(kwargs[app_key], kwargs[model_key])
    if "content_type_id" in kwargs:
        return ContentType.objects.get_for_id(kwargs["content_type_id"]).model_class()
    view_class = getattr(view_func, "view_class", None)
    initkwargs = getattr(view_func, "view_initkwargs", {})
    model = initkwargs.get("model") or getattr(view_class, "model", None)
    if isinstance(model, str):  # chooser viewsets name their model "app_label.ModelName"
        model = model_from_labels(*model.split(".", 1)) if "." in model else None
    if model is None and view_class is not None and getattr(view_class, "permission_policy", None) is not None:
        model = getattr(view_class.permission_policy, "model", None)
    return model if isinstance(model, type) else None


def _named_objects(request, view_func, kwargs):
    """(model, id) of every object the request names by path or by `?id=`."""
    models = _argument_models()
    view_model = _view_model(view_func, kwargs)
    for name, value in kwargs.items():
        model = models.get(name) or (view_model if name in GENERIC_ID_ARGUMENTS else None)
        if model is not None:
            yield model, value
    page_api = request.path.startswith("/admin/api/main/pages/") or request.path.startswith("/admin/choose-page/")
    for value in request.GET.getlist("id"):
        model = Page if page_api else view_model
        if model is not None and value != "all":
            yield model, value


def _owns_user_rows(request, kwargs) -> bool:
    for name, (app_label, model_name) in USER_ROWS.items():
        if name in kwargs:
            model = model_from_labels(app_label, model_name)
            user_field = "user_id" if model_name == "editingsession" else "uploaded_by_user_id"
            if not model.objects.filter(pk=kwargs[name], **{user_field: request.user.pk}).exists():
                return False
    return True


class AdminIsolationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/documents/"):
            return self.get_response(request)
        if not request.path.startswith(ADMIN_PREFIX):
            return self.get_response(request)
        user = getattr(request, "user", None)
        scope = scope_for(user) if user is not None and user.is_authenticated and not user.is_superuser else None
        # Wagtail's tag listings have no request; they read the user from here.
        user_token = tags.admin_user.set(user)
        scope_token = active_scope.set(scope)
        try:
            response = self.get_response(request)
            if response.streaming and scope is not None:
                response.streaming_content = _in_scope(active_scope.get(), response.streaming_content)
            return response
        finally:
            active_scope.reset(scope_token)
            tags.admin_user.reset(user_token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith("/documents/"):
            files.check_document_request(request, view_args, view_kwargs)
            return None
        if not request.path.startswith(ADMIN_PREFIX):
            return None
        try:
            return self._admin_view(request, view_func, view_kwargs)
        except Http404 as refusal:
            # The very answer Wagtail's admin views give for an id that does not exist
            # (wagtail.admin.urls.display_custom_404), so that another portal's object
            # and a missing one look alike; and cheap, unlike the portal's own 404 page.
            return page_not_found(request, refusal, template_name="wagtailadmin/404.html")

    def _admin_view(self, request, view_func, view_kwargs):
        scope = active_scope.get()
        view_name = request.resolver_match.view_name if request.resolver_match is not None else None
        if scope is None:  # anonymous (the login page) or a superuser
            if request.user.is_authenticated and view_name in ONE_PORTAL_VIEWS:
                everything = Scope(True, frozenset(), frozenset(), request.user.pk)
                _narrow_to_one_portal(everything, view_name, _owners(request, view_func, view_kwargs))
            return None
        if not scope.own and not (view_name or "").startswith(NO_PORTAL_NEEDED):
            return no_portal_response(request)
        rule = rule_for(view_name, view_kwargs)
        if rule is None:
            raise Http404  # a view nobody has reviewed: closed until someone does
        if view_name in TAG_AUTOCOMPLETE:
            return tags.autocomplete(request)
        _check_user_rows(request, view_kwargs)
        if rule.kind in (LISTING, ACCOUNT, OURS):
            return None
        allowed = scope.can_read if rule.kind == READ and request.method in SAFE_METHODS else scope.can_change
        owners = _owners(request, view_func, view_kwargs)
        if not all(allowed(owner) for owner in owners):
            raise Http404  # as if it did not exist: failing is better than revealing
        _narrow_to_one_portal(scope, view_name, owners)
        return None


def _owners(request, view_func, kwargs) -> set[int]:
    """The portals of the objects the request names (those that belong to one)."""
    return {owner_of(model, value) for model, value in _named_objects(request, view_func, kwargs)} - {UNOWNED}


def _narrow_to_one_portal(scope, view_name, owners):
    """Editing one portal's page or settings: what the form offers and accepts is that
    portal's and what it shares, even for those who work on many portals."""
    if view_name in ONE_PORTAL_VIEWS and len(owners) == 1:
        active_scope.set(scope.narrowed_to(next(iter(owners))))


def _check_user_rows(request, kwargs):
    if not _owns_user_rows(request, kwargs):
        raise Http404
    return None


def _in_scope(scope, chunks):
    """Streamed content is produced after the view returns: keep it in the scope."""
    iterator = iter(chunks)
    while True:
        token = active_scope.set(scope)
        try:
            chunk = next(iterator)
        except StopIteration:
            return
        finally:
            active_scope.reset(token)
        yield chunk
