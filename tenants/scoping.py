"""The one place that decides which portals a user may see in the admin.

A user sees the portals whose groups they belong to; a provincial admin also sees
every portal below the province; a superuser sees all. A user may also *read* (never
change) what the portals above theirs share down: a district chooses its province's
directives. Every admin filter and check (tenants.admin_guard, tenants.wagtail_hooks)
asks this module, so the rule is written once.
"""

from dataclasses import dataclass

from .models import Tenant, TenantGroup
from .pages import descendants_of
from .registry import registry
from .roles import Role

SCOPE_ATTR = "_tenant_scope"


@dataclass(frozen=True)
class Scope:
    everything: bool
    visible: frozenset[int]  # portals the user works on
    readable: frozenset[int]  # those, and the portals above them

    def can_see(self, tenant_id: int | None) -> bool:
        return self.everything or tenant_id in self.visible

    def can_read(self, tenant_id: int | None) -> bool:
        return self.everything or tenant_id in self.readable


def scope_for(user) -> Scope:
    """The user's scope, computed once per user object (one query)."""
    cached = getattr(user, SCOPE_ATTR, None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active:
        scope = Scope(False, frozenset(), frozenset())
    elif user.is_superuser:
        scope = Scope(True, frozenset(), frozenset())
    else:
        ids = set()
        for tenant_id, role in TenantGroup.objects.filter(group__user=user).values_list("tenant_id", "role"):
            ids.add(tenant_id)
            record = registry.by_id(tenant_id)
            if role == Role.PROVINCIAL_ADMIN and record is not None:
                ids.update(r.id for r in descendants_of(record))
        readable = set(ids)
        for tenant_id in ids:
            readable.update(r.id for r in registry.lineage(registry.by_id(tenant_id)))
        scope = Scope(False, frozenset(ids), frozenset(readable))
    setattr(user, SCOPE_ATTR, scope)
    return scope


def portals_for(user) -> list[Tenant]:
    scope = scope_for(user)
    tenants = Tenant.objects.order_by("level", "name")
    return list(tenants if scope.everything else tenants.filter(pk__in=scope.visible))


def can_see(user, tenant: Tenant) -> bool:
    return scope_for(user).can_see(tenant.pk)


def readable_root_paths(user) -> list[str] | None:
    """Tree paths of the portals whose pages the user may read; None means all."""
    scope = scope_for(user)
    if scope.everything:
        return None
    return [path for tenant_id in scope.readable if (r := registry.by_id(tenant_id)) for path in r.root_paths]


def visible_collection_ids(user) -> list[int] | None:
    """The media collections of the portals the user works on; None means all."""
    scope = scope_for(user)
    if scope.everything:
        return None
    return [r.collection_id for tenant_id in scope.visible if (r := registry.by_id(tenant_id))]


__all__ = [
    "Scope",
    "can_see",
    "portals_for",
    "readable_root_paths",
    "scope_for",
    "visible_collection_ids",
]
