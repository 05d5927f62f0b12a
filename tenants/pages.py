"""Which portal a page belongs to, and which portals' pages a portal may show.

A portal's pages all sit under its home page (or that page's translations), at depth 2
of Wagtail's tree, so the first two steps of a page's tree path name its portal. This
answers from the in-memory registry, without a query.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.models import Page

from .registry import TenantRecord, registry

ROOT_PATH_LENGTH = Page.steplen * 2


def tenant_of_page(page) -> TenantRecord | None:
    return registry.by_root_path(page.path[:ROOT_PATH_LENGTH])


def shared_root_paths(record: TenantRecord) -> list[str]:
    """Tree paths whose pages this portal lists as its own or shared from above:
    the portal's own roots, then its province's (a district lists provincial
    directives), nearest first."""
    return [path for portal in registry.lineage(record) for path in portal.root_paths]


def children_of(record: TenantRecord) -> list[TenantRecord]:
    return sorted((r for r in registry.all() if r.parent_id == record.id), key=lambda r: r.name)


def descendants_of(record: TenantRecord) -> list[TenantRecord]:
    """Every portal below this one: its districts, their communes…"""
    found, queue = [], [record]
    while queue:
        for child in children_of(queue.pop()):
            found.append(child)
            queue.append(child)
    return found


def related_portals(record: TenantRecord) -> list[TenantRecord]:
    """The portal, the portals above it and every portal below it: the ones whose
    pages may show this portal's pages."""
    return [*registry.lineage(record), *descendants_of(record)]


def within(paths, also=None) -> Q:
    """Pages under any of these tree paths (OR `also`, if given)."""
    conditions = [Q(path__startswith=path) for path in paths]
    if also is not None:
        conditions.append(also)
    return reduce(or_, conditions)
