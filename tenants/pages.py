"""Which portal a page belongs to, and which portals' pages a portal may show.

A portal's pages all sit under its home page (or that page's translations), at depth 2
of Wagtail's tree, so the first two steps of a page's tree path name its portal. This
answers from the in-memory registry, without a query.
"""

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


def related_portals(record: TenantRecord) -> list[TenantRecord]:
    """The portal, the portals above it and every portal below it: the ones whose
    pages may show this portal's pages."""
    family = list(registry.lineage(record))
    queue = [record]
    while queue:
        for child in children_of(queue.pop()):
            family.append(child)
            queue.append(child)
    return family
