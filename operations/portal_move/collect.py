"""What an export holds, gathered from the database: the portal's pages in every
language, its collections with their images and documents, the rows that point at the
portal or its site (snippets, settings, redirects, questions, visitor statistics), and
its people with their roles. Ids stay the old ones; the import rewrites them."""

import copy
from collections import defaultdict

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from modelcluster.models import get_serializable_data_for_fields
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from tenants.models import Tenant, TenantGroup

from .references import DOCUMENT, IMAGE, PAGE, remap_row
from .restrictions import gather_restrictions
from .rules import owned_models


def serialized(obj) -> dict:
    data = obj.serializable_data() if hasattr(obj, "serializable_data") else get_serializable_data_for_fields(obj)
    data.pop("wagtail_admin_comments", None)  # editors' comments stay with their deployment
    return data


def gather(tenant: Tenant) -> dict:
    collections = [tenant.collection, *tenant.collection.get_descendants()]
    content = {
        "collections": [
            {"id": c.pk, "parent": c.get_parent().pk if c.pk != tenant.collection_id else None, "name": c.name}
            for c in collections
        ],
        "media": {
            IMAGE: [_media(i) for i in get_image_model().objects.filter(collection__in=collections)],
            DOCUMENT: [_media(d) for d in get_document_model().objects.filter(collection__in=collections)],
        },
        "pages": _pages(tenant),
        "rows": _owned_rows(tenant),
        "people": _people(tenant),
    }
    content["restrictions"] = gather_restrictions(
        tenant, [item["id"] for item in content["pages"]], [c.pk for c in collections]
    )
    _add_what_it_points_at(content, tenant)
    return content


def _media(obj) -> dict:
    return {"data": serialized(obj), "tags": sorted(obj.tags.names())}


def _pages(tenant) -> list[dict]:
    home = Page.objects.get(pk=tenant.site.root_page_id)
    pages = []
    for translated_home in [home, *home.get_translations().order_by("path")]:  # the main home first
        tree = translated_home.get_descendants(inclusive=True).specific().select_related("latest_revision")
        by_path = {}
        for page in tree.order_by("path"):
            by_path[page.path] = page.pk
            pages.append(_page(page, by_path.get(page.path[: -page.steplen])))
    return pages


def _page(page, parent_id) -> dict:
    """Live content, and the newest draft where there is one (a page never published
    is its draft)."""
    revision = page.latest_revision
    data, draft = serialized(page), None
    if revision is not None and not page.live:
        data = revision.content
    elif revision is not None and page.has_unpublished_changes:
        draft = revision.content
    for content in (data, draft):
        if content is not None:
            content.pop("wagtail_admin_comments", None)
    return {"id": page.pk, "parent": parent_id, "model": page.specific_class._meta.label_lower, "data": data,
            "draft": draft}  # fmt: skip


def _owned_rows(tenant) -> dict[str, list[dict]]:
    rows = {}
    for model, field, owner in owned_models():
        found = model._default_manager.filter(**{field: tenant if owner == "tenant" else tenant.site})
        rows[model._meta.label_lower] = [serialized(obj) for obj in found.order_by("pk")]
    return rows


def _people(tenant) -> list[dict]:
    people = {}
    for tenant_group in TenantGroup.objects.filter(tenant=tenant).select_related("group"):
        for user in tenant_group.group.user_set.order_by("username"):
            person = people.setdefault(
                user.username,
                {"username": user.username, "first_name": user.first_name, "last_name": user.last_name,
                 "email": user.email, "roles": []},
            )  # fmt: skip
            person["roles"].append(tenant_group.role)
    return list(people.values())


def _add_what_it_points_at(content: dict, tenant):
    """Walk every row as the import will, noting what it points at outside the export:
    shared rows (content types, languages, users) by their key, pages of other portals
    by their address, and images and documents of other collections, which come along."""
    seen = defaultdict(set)

    def note(label, value):
        seen[label].add(value)
        return value

    for item in content["pages"]:
        for data in (item["data"], item["draft"]):
            if data is not None:
                remap_row(apps.get_model(item["model"]), copy.deepcopy(data), note)
    for label, rows in content["rows"].items():
        for data in rows:
            remap_row(apps.get_model(label), copy.deepcopy(data), note)
    _bring_outside_media(content, seen, tenant)
    for label, model in ((IMAGE, get_image_model()), (DOCUMENT, get_document_model())):
        for item in content["media"][label]:
            remap_row(model, copy.deepcopy(item["data"]), note)
    content["lookups"] = _lookups(seen)
    inside = {item["id"] for item in content["pages"]}
    content["outside_pages"] = _addresses({int(pk) for pk in seen[PAGE]} - inside)


def _bring_outside_media(content, seen, tenant):
    for label, model in ((IMAGE, get_image_model()), (DOCUMENT, get_document_model())):
        have = {item["data"]["pk"] for item in content["media"][label]}
        for obj in model.objects.filter(pk__in={int(pk) for pk in seen[label]} - have):
            item = _media(obj)
            item["data"]["collection"] = tenant.collection_id  # into the portal's own collection
            content["media"][label].append(item)


def _lookups(seen) -> dict:
    user_label = get_user_model()._meta.label_lower
    return {
        "contenttypes.contenttype": {
            str(ct.pk): [ct.app_label, ct.model]
            for ct in ContentType.objects.filter(pk__in={int(v) for v in seen["contenttypes.contenttype"]})
        },
        "wagtailcore.locale": {
            str(pk): code
            for pk, code in Locale.objects.filter(pk__in={int(v) for v in seen["wagtailcore.locale"]}).values_list(
                "pk", "language_code"
            )
        },
        user_label: {
            str(pk): name
            for pk, name in get_user_model()
            .objects.filter(pk__in={int(v) for v in seen[user_label]})
            .values_list("pk", "username")
        },
    }


def _addresses(page_ids) -> dict:
    """Pages of other portals by portal code, language and path below the portal's home."""
    homes = {}
    for other in Tenant.objects.select_related("site__root_page"):
        for home in other.site.root_page.get_translations(inclusive=True):
            homes[home.path] = (other.slug, home.url_path)
    found = {}
    for page in Page.objects.filter(pk__in=page_ids).select_related("locale"):
        portal = homes.get(page.path[: 2 * page.steplen])
        if portal is not None:
            found[str(page.pk)] = {"portal": portal[0], "locale": page.locale.language_code,
                                   "path": page.url_path[len(portal[1]) - 1 :]}  # fmt: skip
    return found
