"""Which portals a user or a request may see: the one place this is decided.

A **user** works on the portals whose groups they belong to; a provincial admin also
on every portal below the province; a superuser on all. They may also *read*, never
change, what the portals above theirs share down: a district links its province's
live directives. That is a `Scope`; tenants.row_scope applies it to every query an
admin request makes, and the admin guard to every object a URL names.

A **request** to a portal's hostname sees that portal's pages and what the portals
above it share (`pages_of`, `shared_with`), whoever asks.

Every portal's pages lie under its home page (or that page's translations) at depth 2
of Wagtail's tree, so the first two steps of a page's tree path name its portal. One
condition on that prefix, `SUBSTR(path, 1, 8) IN (…)` (tenants.tree_paths), selects any set of portals'
pages at the same cost whether a province has 4 portals or 3,000.
"""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Q
from wagtail.models import Page

from .registry import TenantRecord, registry
from .roles import Role
from .tree_paths import under_prefixes

ROOT_PATH_LENGTH = Page.steplen * 2
SCOPE_ATTR = "_tenant_scope"


# --- pages of portals -----------------------------------------------------------------
def pages_under(root_paths, prefix: str = "") -> Q:
    """Pages whose portal root is one of `root_paths` (one indexed condition)."""
    return under_prefixes(root_paths, f"{prefix}path")


def tenant_of_page(page) -> TenantRecord | None:
    return registry.by_root_path(page.path[:ROOT_PATH_LENGTH])


def portal_id_of_path(path: str) -> int | None:
    """The id of the portal a tree path (a page's, or a portal root's) lies in."""
    record = registry.by_root_path(path[:ROOT_PATH_LENGTH])
    return record.id if record is not None else None


def pages_of(*records: TenantRecord) -> Q:
    """The pages of these portals (home pages, their translations and everything below)."""
    return pages_under(path for record in records for path in record.root_paths)


def shared_with(record: TenantRecord) -> list[TenantRecord]:
    """The portals whose pages this portal lists beside its own: itself and the portals
    above it (a district lists its province's directives), nearest first."""
    return registry.lineage(record)


def shared_root_paths(record: TenantRecord) -> list[str]:
    return [path for portal in shared_with(record) for path in portal.root_paths]


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


# --- what a user may see in the admin --------------------------------------------------
@dataclass(frozen=True)
class Scope:
    everything: bool
    own: frozenset[int]  # portals the user works on: they may change these
    readable: frozenset[int]  # those, and the portals above them: they may read these
    user_id: int | None = None

    def can_change(self, tenant_id: int | None) -> bool:
        return self.everything or tenant_id in self.own

    def can_read(self, tenant_id: int | None) -> bool:
        return self.everything or tenant_id in self.readable

    def narrowed_to(self, tenant_id: int) -> "Scope":
        """The scope of a request about one portal (editing one of its pages or its
        settings): that portal and the ones it shares from, nothing else."""
        if not self.can_change(tenant_id):
            return self
        lineage = frozenset(r.id for r in registry.lineage(registry.by_id(tenant_id)))
        return Scope(False, frozenset({tenant_id}), lineage, self.user_id)

    def _records(self, ids):
        return [record for tenant_id in sorted(ids) if (record := registry.by_id(tenant_id)) is not None]

    @cached_property
    def own_roots(self) -> tuple[str, ...]:
        return tuple(path for record in self._records(self.own) for path in record.root_paths)

    @cached_property
    def shared_roots(self) -> tuple[str, ...]:
        """Roots of the portals above the user's, whose live pages they may read."""
        return tuple(path for record in self._records(self.readable - self.own) for path in record.root_paths)

    @cached_property
    def own_collections(self) -> tuple[int, ...]:
        """The media collections of the user's portals, sub-collections included."""
        return tuple(cid for tenant_id in sorted(self.own) for cid in registry.collections_of(tenant_id))

    @cached_property
    def own_sites(self) -> tuple[int, ...]:
        return tuple(record.site_id for record in self._records(self.own))

    @cached_property
    def readable_sites(self) -> tuple[int, ...]:
        return tuple(record.site_id for record in self._records(self.readable))

    def own_pages(self, prefix: str = "") -> Q:
        return pages_under(self.own_roots, prefix)

    def readable_pages(self) -> Q:
        """Own pages, the live pages of the portals above, and the tree root (where
        browsing starts; it holds no content)."""
        return Q(depth=1) | self.own_pages() | (pages_under(self.shared_roots) & Q(live=True))


NOBODY = Scope(False, frozenset(), frozenset())
EVERYTHING = Scope(True, frozenset(), frozenset())


def scope_for(user) -> Scope:
    """The user's scope, computed once per user object (one query)."""
    cached = getattr(user, SCOPE_ATTR, None)
    if cached is not None:
        return cached
    from .models import TenantGroup

    if user is None or not user.is_authenticated or not user.is_active:
        scope = NOBODY
    elif user.is_superuser:
        scope = EVERYTHING
    else:
        own = set()
        for tenant_id, role in TenantGroup.objects.filter(group__user=user).values_list("tenant_id", "role"):
            record = registry.by_id(tenant_id)
            if record is None:
                continue
            own.add(tenant_id)
            if role == Role.PROVINCIAL_ADMIN:
                own.update(r.id for r in descendants_of(record))
        readable = set(own)
        for tenant_id in own:
            readable.update(r.id for r in registry.lineage(registry.by_id(tenant_id)))
        # An archive is read, never changed (tenants.archiving).
        own = {tenant_id for tenant_id in own if registry.by_id(tenant_id).archived_at is None}
        scope = Scope(False, frozenset(own), frozenset(readable), user.pk)
    setattr(user, SCOPE_ATTR, scope)
    return scope


def portals_for(user):
    """The portals the user works on, as model instances, province first."""
    from .models import Tenant

    scope = scope_for(user)
    tenants = Tenant.objects.select_related("site").order_by("level", "name")
    return list(tenants if scope.everything else tenants.filter(pk__in=scope.own))


def can_change(user, tenant) -> bool:
    return scope_for(user).can_change(tenant.pk)
