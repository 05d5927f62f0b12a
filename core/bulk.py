"""Insert many pages at once, for large demo provinces and benchmarks.

Wagtail's add_child() costs several queries per page (tree path, revision, search
index, reference index). Seeding 10,000 articles that way takes minutes; this module
computes the tree paths itself and writes each table of the page's inheritance chain
with one INSERT per batch, then indexes the batch for search in bulk. Pages come out
live and without revisions, as if imported from an old portal; editing one in the
admin creates its first revision as usual.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

BATCH_SIZE = 500


def bulk_add_children(parent: Page, pages: list[Page], batch_size: int = BATCH_SIZE, on_batch=None) -> list[Page]:
    """Add `pages` (unsaved instances of one Page subclass) as live children of `parent`."""
    if not pages:
        return []
    model = type(pages[0])
    if any(type(page) is not model for page in pages):
        raise ValueError("bulk_add_children() takes pages of one type at a time")
    parent = Page.objects.get(pk=parent.pk)  # fresh tree fields
    last_child = parent.get_last_child()
    step = last_child._get_lastpos_in_path() if last_child else 0
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    # Page first, then each subclass table down to the model itself.
    chain = [*reversed(model._meta.get_parent_list()), model]
    for page in pages:
        step += 1
        page.path = Page._get_path(parent.path, parent.depth + 1, step)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = page.first_published_at or now
        page.draft_title = page.title
        page.translation_key = uuid.uuid4()
        if hasattr(page, "refresh_derived_fields"):
            page.refresh_derived_fields()

    backend = get_search_backend()
    with transaction.atomic():
        for start in range(0, len(pages), batch_size):
            batch = pages[start : start + batch_size]
            _insert_chain(chain, batch)
            backend.add_bulk(model, batch)
            if on_batch:
                on_batch(len(batch))
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    return pages


def _insert_chain(chain, batch):
    base = chain[0]
    fields = [f for f in base._meta.local_concrete_fields if not f.primary_key]
    # QuerySet._insert is what Model.save() uses per row; bulk_create() refuses
    # multi-table models, so each table of the chain is written this way.
    rows = base._base_manager._insert(batch, fields=fields, returning_fields=[base._meta.pk])
    for page, (pk,) in zip(batch, rows, strict=True):
        page.pk = page.id = pk
        for model in chain[1:]:
            setattr(page, model._meta.pk.attname, pk)
    for model in chain[1:]:
        model._base_manager._insert(batch, fields=list(model._meta.local_concrete_fields))
