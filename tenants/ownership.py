"""Which portal an object belongs to, whatever its kind: pages by their place in the
tree, images and documents by their collection, snippets and settings by their tenant
or site, revisions, workflow states, comments and translations by what they are about.
`None` means the object belongs to no portal (the tree root, a locale) or does not
exist; the view then answers as usual, and its scoped queries find nothing foreign.

Lookups run unscoped: the guard must tell "another portal's" from "missing".
"""

from functools import cache

from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Collection, Comment, Page, Revision, Site, Task, TaskState, Workflow, WorkflowState

from .registry import registry
from .scope_context import unscoped_function
from .visibility import ROOT_PATH_LENGTH, portal_id_of_path

UNOWNED = None


def owner_of_page(page_id) -> int | None:
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    if not path or len(path) < ROOT_PATH_LENGTH:
        return UNOWNED
    return portal_id_of_path(path)


def owner_of_collection(collection_id) -> int | None:
    return registry.owner_of_collection(int(collection_id))


def owner_of_site(site_id) -> int | None:
    return next((record.id for record in registry.all() if record.site_id == int(site_id)), UNOWNED)


def _owner_of_generic(content_type_id, object_id) -> int | None:
    target = ContentType.objects.get_for_id(content_type_id).model_class()
    return owner_of(target, object_id) if target is not None else UNOWNED


def _owner_of_workflow(workflow_id) -> int | None:
    home = Workflow.objects.filter(pk=workflow_id).values_list("workflow_pages__page_id", flat=True).first()
    return owner_of_page(home) if home else UNOWNED


def _owner_of_translation_source(source_id) -> int | None:
    from wagtail_localize.models import TranslationSource

    source = TranslationSource.objects.filter(pk=source_id).values_list("object_id", "locale_id").first()
    if source is None:
        return UNOWNED
    page_id = Page.objects.filter(translation_key=source[0], locale_id=source[1]).values_list("pk", flat=True).first()
    return owner_of_page(page_id) if page_id else UNOWNED


def _by_related(model, pk, field, owner):
    value = model.objects.filter(pk=pk).values_list(field, flat=True).first()
    return owner(value) if value is not None else UNOWNED


@cache
def _special_owners():
    from wagtail_localize.models import OverridableSegment, StringSegment, Translation, TranslationSource

    def revision(pk):
        row = Revision.objects.filter(pk=pk).values_list("base_content_type_id", "object_id").first()
        return _owner_of_generic(*row) if row else UNOWNED

    def workflow_state(pk):
        row = WorkflowState.objects.filter(pk=pk).values_list("base_content_type_id", "object_id").first()
        return _owner_of_generic(*row) if row else UNOWNED

    def task(pk):
        workflow = Task.objects.filter(pk=pk).values_list("workflow_tasks__workflow_id", flat=True).first()
        return _owner_of_workflow(workflow) if workflow else UNOWNED

    return {
        Revision: revision,
        WorkflowState: workflow_state,
        TaskState: lambda pk: _by_related(TaskState, pk, "workflow_state_id", workflow_state),
        Task: task,
        Workflow: _owner_of_workflow,
        Comment: lambda pk: _by_related(Comment, pk, "page_id", owner_of_page),
        Collection: owner_of_collection,
        TranslationSource: _owner_of_translation_source,
        Translation: lambda pk: _by_related(Translation, pk, "source_id", _owner_of_translation_source),
        StringSegment: lambda pk: _by_related(StringSegment, pk, "source_id", _owner_of_translation_source),
        OverridableSegment: lambda pk: _by_related(OverridableSegment, pk, "source_id", _owner_of_translation_source),
    }


@unscoped_function
def owner_of(model, pk) -> int | None:
    """The portal owning object `pk` of `model`."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return UNOWNED
    if issubclass(model, Page):
        return owner_of_page(pk)
    for klass in [model, *model._meta.get_parent_list()]:
        special = _special_owners().get(klass)
        if special is not None:
            return special(pk)
    if issubclass(model, Site | BaseSiteSetting):  # a site setting's URLs name its site
        return owner_of_site(pk)
    if issubclass(model, Group):
        from .models import TenantGroup

        return TenantGroup.objects.filter(group_id=pk).values_list("tenant_id", flat=True).first()
    field_names = {f.name for f in model._meta.get_fields()}
    if "collection" in field_names:  # images, documents
        return _by_related(model, pk, "collection_id", owner_of_collection)
    if "tenant" in field_names:  # snippets owned by a portal
        return model.objects.filter(pk=pk).values_list("tenant_id", flat=True).first()
    if "site" in field_names:  # site settings, redirects
        return _by_related(model, pk, "site_id", owner_of_site)
    return UNOWNED


def model_from_labels(app_label, model_name):
    try:
        return apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return None


@unscoped_function
def owners_of(model, pks) -> dict[int, int | None]:
    """owner_of for many objects of one kind, in one query for the common kinds (pages,
    media, portal snippets, site settings); the rare kinds one by one."""
    pks = {int(pk) for pk in pks if str(pk).isdigit()}
    if not pks:
        return {}
    field_names = {f.name for f in model._meta.get_fields()}
    if issubclass(model, Page):
        paths = Page.objects.filter(pk__in=pks).values_list("pk", "path")
        return {pk: portal_id_of_path(path) for pk, path in paths}
    if issubclass(model, Site | BaseSiteSetting) or any(
        special in _special_owners() for special in [model, *model._meta.get_parent_list()]
    ):
        return {pk: owner_of(model, pk) for pk in pks}
    if "collection" in field_names:
        rows = model.objects.filter(pk__in=pks).values_list("pk", "collection_id")
        return {pk: owner_of_collection(collection) for pk, collection in rows}
    if "tenant" in field_names:
        return dict(model.objects.filter(pk__in=pks).values_list("pk", "tenant_id"))
    return {pk: owner_of(model, pk) for pk in pks}
