"""Rewrite the ids inside one serialized row (modelcluster's JSON form: what a page
revision stores) so they point at the rows of the deployment it goes into.

Ids hide in four places: foreign keys (and the inline rows' own), many-to-many lists,
StreamField JSON (page, image, document and snippet choosers, at any depth) and rich
text (<a linktype="page" id="…">, <embed embedtype="image" id="…"/>, <a linktype=
"document" id="…">). The same walk serves the export, which only notes the pages the
portal points at outside itself, so that the import can look them up by address.
"""

import json
import re
from collections.abc import Callable

from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page

# (label of the row pointed at, its old id) -> its new id, or None where it is gone.
Resolve = Callable[[str, object], object]

PAGE, IMAGE, DOCUMENT = "wagtailcore.page", "wagtailimages.image", "wagtaildocs.document"
TRANSLATION_KEY = "translation_key"  # what ties a page (or an inline row) to its translations
_TAG = re.compile(r"<(a|embed)\b([^>]*)>")
_KIND = re.compile(r'\b(?:linktype|embedtype)="(page|image|document)"')
_ID = re.compile(r'\bid="(\d+)"')


def label_of(model) -> str:
    """Pages of every type share one id space; so do images and documents."""
    if issubclass(model, Page):
        return PAGE
    if issubclass(model, get_image_model()):
        return IMAGE
    if issubclass(model, get_document_model()):
        return DOCUMENT
    return model._meta.label_lower


def remap_row(model, data: dict, resolve: Resolve) -> dict | None:
    """The row with its ids rewritten, or None where a required one points nowhere."""
    for field in model._meta.concrete_fields:
        if field.primary_key:
            data.pop(field.name, None)  # a new row gets a new id
        elif isinstance(field, ParentalKey):
            data[field.name] = None  # set to the new parent when the parent is saved
        elif field.name in data and not _remap_field(field, data, resolve):
            return None
    for field in model._meta.many_to_many:
        if isinstance(field, ParentalManyToManyField) and field.name in data:
            new = (resolve(label_of(field.related_model), old) for old in data[field.name])
            data[field.name] = [pk for pk in new if pk is not None]
    for relation in get_all_child_relations(model) if hasattr(model, "serializable_data") else ():
        name = relation.get_accessor_name()
        if name in data:
            rows = (remap_row(relation.related_model, dict(row, pk=None), resolve) for row in data[name])
            data[name] = [row for row in rows if row is not None]
    return data


def _remap_field(field, data: dict, resolve: Resolve) -> bool:
    value = data[field.name]
    if value is None or value == "":
        return True
    if field.name == TRANSLATION_KEY:  # unique with the language: a second import gets keys of its own
        data[field.name] = str(resolve(TRANSLATION_KEY, value))
        return True
    if field.name == "page_id" and field.remote_field is None:  # the statistics keep page ids as numbers
        data[field.name] = resolve(PAGE, value)
        return data[field.name] is not None or field.null
    if field.remote_field is not None and isinstance(field, models.ForeignKey | models.OneToOneField):
        data[field.name] = resolve(label_of(field.related_model), value)
        return data[field.name] is not None or field.null
    if isinstance(field, StreamField):
        raw = json.loads(value) if isinstance(value, str) else value
        data[field.name] = json.dumps(remap_block(field.stream_block, raw, resolve), ensure_ascii=False)
    elif isinstance(field, RichTextField):
        data[field.name] = remap_rich_text(value, resolve)
    return True


def remap_rich_text(html: str, resolve: Resolve) -> str:
    def tag(match):
        kind = _KIND.search(match.group(2))
        found = _ID.search(match.group(2))
        if kind is None or found is None:
            return match.group(0)
        new = resolve({"page": PAGE, "image": IMAGE, "document": DOCUMENT}[kind.group(1)], int(found.group(1)))
        if new is None:  # the text stays; a link to nothing would be a broken link
            return "<a>" if match.group(1) == "a" else ""
        return match.group(0).replace(found.group(0), f'id="{new}"', 1)

    return _TAG.sub(tag, html or "")


def remap_block(block, value, resolve: Resolve):
    """A block's raw JSON value with the ids inside it rewritten."""
    if value is None:
        return None
    for kind, walk in _WALKS:
        if isinstance(block, kind):
            return walk(block, value, resolve)
    return value


def _stream(block, value, resolve):
    for item in value:
        child = block.child_blocks.get(item.get("type"))
        if child is not None:
            item["value"] = remap_block(child, item.get("value"), resolve)
    return value


def _list(block, value, resolve):
    for index, item in enumerate(value):
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            item["value"] = remap_block(block.child_block, item["value"], resolve)
        else:  # the older form: bare values
            value[index] = remap_block(block.child_block, item, resolve)
    return value


def _struct(block, value, resolve):
    for name, child in block.child_blocks.items():
        if name in value:
            value[name] = remap_block(child, value[name], resolve)
    return value


def _chooser(block, value, resolve):
    return resolve(label_of(block.model_class), value)


def _rich_text(block, value, resolve):
    return remap_rich_text(value, resolve)


_WALKS = [
    (blocks.StreamBlock, _stream),
    (blocks.ListBlock, _list),
    (blocks.StructBlock, _struct),
    (blocks.ChooserBlock, _chooser),
    (blocks.RichTextBlock, _rich_text),
]
