"""Which portal an object belongs to, whatever its kind: pages by their place in the
tree, images and documents by their collection, snippets and settings by their tenant
or site, revisions by what they are a revision of. `None` means the object belongs to
no portal (the tree root, a locale) or does not exist; a view then answers as usual.
"""

from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Collection, Page, Revision, Site

from .pages import ROOT_PATH_LENGTH
from .registry import registry

UNOWNED = None


def owner_of_page(page_id) -> int | None:
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    if not path or len(path) < ROOT_PATH_LENGTH:
        return UNOWNED
    record = registry.by_root_path(path[:ROOT_PATH_LENGTH])
    return record.id if record else UNOWNED


def owner_of_collection(collection_id) -> int | None:
    """A portal's collection is a child of the root collection (provisioning makes it
    so): the collection at depth 2 on the path names the portal, whatever the depth."""
    path = Collection.objects.filter(pk=collection_id).values_list("path", flat=True).first()
    if not path or len(path) < 2 * Collection.steplen:
        return UNOWNED
    top = Collection.objects.filter(path=path[: 2 * Collection.steplen]).values_list("pk", flat=True).first()
    return next((record.id for record in registry.all() if record.collection_id == top), UNOWNED)


def owner_of_site(site_id) -> int | None:
    for record in registry.all():
        if record.site_id == int(site_id):
            return record.id
    return UNOWNED


def owner_of(model, pk) -> int | None:
    """The portal owning object `pk` of `model`."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return UNOWNED
    if issubclass(model, Page):
        return owner_of_page(pk)
    if issubclass(model, Revision):
        revision = Revision.objects.filter(pk=pk).values_list("base_content_type_id", "object_id").first()
        if revision is None:
            return UNOWNED
        target = ContentType.objects.get_for_id(revision[0]).model_class()
        return owner_of(target, revision[1]) if target is not None else UNOWNED
    if issubclass(model, Collection):
        return owner_of_collection(pk)
    if issubclass(model, Site | BaseSiteSetting):  # a site setting's URLs name its site
        return owner_of_site(pk)
    if issubclass(model, Group):
        from .models import TenantGroup

        return TenantGroup.objects.filter(group_id=pk).values_list("tenant_id", flat=True).first()
    field_names = {f.name for f in model._meta.get_fields()}
    if "collection" in field_names:  # images, documents
        collection_id = model.objects.filter(pk=pk).values_list("collection_id", flat=True).first()
        return owner_of_collection(collection_id) if collection_id else UNOWNED
    if "tenant" in field_names:  # snippets owned by a portal
        return model.objects.filter(pk=pk).values_list("tenant_id", flat=True).first()
    if "site" in field_names:  # site settings, redirects
        site_id = model.objects.filter(pk=pk).values_list("site_id", flat=True).first()
        return owner_of_site(site_id) if site_id else UNOWNED
    return UNOWNED


def model_from_labels(app_label, model_name):
    try:
        return apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return None
