"""The portal's page tree, re-rooted on the home page that provisioning made.

Pages are created parent first. A page may point at one made after it (a link in its
text, a featured article): such pages are written a second time once every page has
its new id. A draft becomes the newest revision of its page, unpublished, as it was."""

import copy

from django.apps import apps
from django.db.models import F
from wagtail.models import Page

from .references import PAGE, remap_row


def restore_pages(content, tenant, ids, old_slug: str) -> int:
    """Returns the number of pages created or filled in."""
    items = content["pages"]
    every_page = {str(item["id"]) for item in items}
    for child in Page.objects.child_of(tenant.site.root_page):  # provisioning's empty sections: the file has them
        child.delete()
    home = Page.objects.get(pk=tenant.site.root_page_id).specific  # counts its children anew
    ids.translation_keys[str(items[0]["data"]["translation_key"])] = home.translation_key
    later = []
    for index, item in enumerate(items):  # the main home first (collect._pages)
        forward = _points_ahead(item, ids, every_page)
        page = _restore_page(item, ids, old_slug, tenant.slug) if index else _restore_home(item, home, ids, tenant.slug)
        ids.set(PAGE, item["id"], page.pk)
        if forward:
            later.append(item)
    for item in later:
        _fill(Page.objects.get(pk=ids.resolve(PAGE, item["id"])).specific, item["data"], ids)
    for item in items:
        if item["draft"] is not None:
            _save_draft(Page.objects.get(pk=ids.resolve(PAGE, item["id"])).specific, item["draft"], ids)
    return len(items)


def _points_ahead(item, ids, every_page) -> bool:
    ahead = []

    def note(label, value):
        if label == PAGE and str(value) in every_page and str(value) not in ids.maps.get(PAGE, {}):
            ahead.append(value)
        return value

    remap_row(apps.get_model(item["model"]), copy.deepcopy(item["data"]), note)
    return bool(ahead)


def _data(item_data, model, ids):
    data = remap_row(model, copy.deepcopy(item_data), ids.resolve)  # the file's rows are read again later
    data.update(pk=None, numchild=0, latest_revision=None, live_revision=None, locked=False, locked_by=None)
    return data


def _restore_home(item, home, ids, slug):
    """The portal's home in its main language is the one provisioning made: it takes the
    exported content, keeping its place, address and id."""
    data = _data(item["data"], apps.get_model(item["model"]), ids)
    page = home.with_content_json({**data, "slug": slug, "pk": home.pk})
    page.draft_title = page.title
    page.save(clean=False)
    return page


def _restore_page(item, ids, old_slug, slug):
    model = apps.get_model(item["model"])
    data = _data(item["data"], model, ids)
    if item["parent"] is None:  # the home in another language, beside the main one
        parent = Page.get_first_root_node()
        data["slug"] = slug + data["slug"][len(old_slug) :] if data["slug"].startswith(old_slug) else data["slug"]
    else:
        parent = Page.objects.get(pk=ids.resolve(PAGE, item["parent"]))
    page = model.from_serializable_data(data, check_fks=False)
    page.id = page.pk = None
    _add_child(parent, page)
    return page


def _add_child(parent, page):
    """treebeard's add_child, less the validation: these pages passed it where they were
    written, and some were written in bulk without it (core.bulk)."""
    last = parent.get_last_child()
    page.depth = parent.depth + 1
    page.path = last._inc_path() if last else Page._get_path(parent.path, page.depth, 1)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
    page._cached_parent_obj = parent
    page.save(clean=False)


def _fill(page, item_data, ids):
    data = remap_row(type(page), copy.deepcopy(item_data), ids.resolve)
    refreshed = page.with_content_json({**data, "pk": page.pk, "slug": page.slug})
    refreshed.save(clean=False)


def _save_draft(page, draft, ids):
    data = remap_row(type(page), copy.deepcopy(draft), ids.resolve)
    data.update(pk=page.pk, slug=data.get("slug") or page.slug)
    page.with_content_json(data).save_revision(clean=False, log_action=False)
