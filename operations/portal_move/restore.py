"""Put an export into this deployment as a new portal: provisioned as create_tenant
would, then filled with the export's rows under fresh ids. `Ids` answers, for every
id in the file, the id of the row it became here (or of the row every deployment shares
by its key: a content type, a language, a user by username)."""

import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.storage import default_storage
from modelcluster.models import model_from_serializable_data
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page

from tenants.models import Tenant

from .references import DOCUMENT, IMAGE, PAGE, TRANSLATION_KEY, remap_row
from .rules import FRESH_UNIQUE, after_pages, owned_models


@dataclass
class Ids:
    lookups: dict
    outside_pages: dict
    maps: dict = field(default_factory=dict)
    translation_keys: dict = field(default_factory=dict)
    missing: set = field(default_factory=set)  # (label, old id) of what content pointed at and is not here

    def set(self, label, old, new):
        self.maps.setdefault(label, {})[str(old)] = new

    def resolve(self, label, old):
        if label == TRANSLATION_KEY:
            return self.translation_keys.setdefault(str(old), uuid.uuid4())
        found = self.maps.get(label, {}).get(str(old))
        if found is None:
            found = _shared(label)(self, str(old))
        if found is None and label in (PAGE, IMAGE, DOCUMENT):
            self.missing.add((label, str(old)))
        return found

    def still_missing(self) -> int:
        """Pages, images and documents the content pointed at that are not here: the
        links were dropped (a page pointed at before it was made is not among them)."""
        return sum(1 for label, old in self.missing if self.maps.get(label, {}).get(old) is None)


def _nothing(ids, old):
    return None


def _content_type(ids, old):
    key = ids.lookups["contenttypes.contenttype"].get(old)
    return ContentType.objects.get_by_natural_key(*key).pk if key else None


def _locale(ids, old):
    code = ids.lookups["wagtailcore.locale"].get(old)
    return Locale.objects.get_or_create(language_code=code)[0].pk if code else None


def _user(ids, old):
    username = ids.lookups[get_user_model()._meta.label_lower].get(old)
    return get_user_model().objects.filter(username=username).values_list("pk", flat=True).first()


def _outside_page(ids, old):
    """A page of another portal (the province's directive, say), found here by that
    portal's code and the page's address, when this deployment has them."""
    address = ids.outside_pages.get(old)
    tenant = address and Tenant.objects.filter(slug=address["portal"]).select_related("site").first()
    if not tenant:
        return None
    home = Page.objects.get(pk=tenant.site.root_page_id)
    home = home.get_translations(inclusive=True).filter(locale__language_code=address["locale"]).first()
    found = home and Page.objects.filter(url_path=home.url_path + address["path"][1:]).first()
    return found.pk if found else None


def _shared(label):
    """How rows that are not in the file are found here; any other kind points nowhere."""
    if label == get_user_model()._meta.label_lower:
        return _user
    return {"contenttypes.contenttype": _content_type, "wagtailcore.locale": _locale, PAGE: _outside_page}.get(
        label, _nothing
    )


# --- collections and media ---------------------------------------------------------
def restore_collections(content, tenant, ids):
    for item in content["collections"]:
        if item["parent"] is None:
            ids.set("wagtailcore.collection", item["id"], tenant.collection_id)
            continue
        parent = Collection.objects.get(pk=ids.resolve("wagtailcore.collection", item["parent"]))
        ids.set("wagtailcore.collection", item["id"], parent.add_child(name=item["name"]).pk)


def restore_media(content, folder: Path, ids, saved: list[str]):
    """Each file into this deployment's storage (under a new name if the old one is
    taken), noted in `saved` so a failed import can remove it again."""
    for label, model in ((IMAGE, get_image_model()), (DOCUMENT, get_document_model())):
        for item in content["media"][label]:
            data = remap_row(model, dict(item["data"]), ids.resolve)
            with (folder / "media" / item["data"]["file"]).open("rb") as stream:
                data["file"] = default_storage.save(item["data"]["file"], File(stream))
            saved.append(data["file"])
            obj = model_from_serializable_data(model, {**data, "pk": None}, check_fks=False)
            obj.save()
            obj.tags.add(*item["tags"])
            ids.set(label, item["data"]["pk"], obj.pk)


# --- rows that point at the portal or its site -----------------------------------------
def restore_rows(content, tenant, ids, *, pages_done: bool) -> int:
    """The rows of every carried model; returns how many were dropped because what they
    point at is not in this deployment."""
    dropped = 0
    for model, owner_field, owner in owned_models():
        if after_pages(model) != pages_done:
            continue
        rows = content["rows"].get(model._meta.label_lower, [])
        if model._meta.get_field(owner_field).one_to_one:  # provisioning made this portal's own
            model._default_manager.filter(**{owner_field: tenant if owner == "tenant" else tenant.site}).delete()
        dropped += _restore_model(model, rows, ids)
    return dropped


def _restore_model(model, rows, ids) -> int:
    fresh, label, bulk, dropped = FRESH_UNIQUE.get(model._meta.label), model._meta.label_lower, [], 0
    for row in rows:
        data = remap_row(model, dict(row), ids.resolve)
        if data is None:
            dropped += 1
            continue
        if fresh:
            data[fresh] = uuid.uuid4().hex
        _renew_taken(model, data)
        obj = _unsaved(model, {**data, "pk": None})
        if model._meta.app_label == "analytics":  # many rows, and no signals to send
            bulk.append(obj)
            continue
        obj.save()
        ids.set(label, row["pk"], obj.pk)
    model._default_manager.bulk_create(bulk, batch_size=1000)
    return dropped


def _renew_taken(model, data):
    for column in model._meta.concrete_fields:
        value = data.get(column.name)
        renewable = column.unique and not column.primary_key and value and column.has_default()
        if renewable and model._default_manager.filter(**{column.name: value}).exists():
            data[column.name] = column.get_default()


def _unsaved(model, data):
    if hasattr(model, "from_serializable_data"):
        return model.from_serializable_data(data, check_fks=False)
    return model_from_serializable_data(model, data, check_fks=False)
