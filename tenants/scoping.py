"""The one place that decides which portals a user may see in the admin.

A user sees the portals whose groups they belong to; a provincial admin also sees
every portal below the province; a superuser sees all. (The full isolation of the
admin, across every Wagtail view, builds on this: see the tenant isolation issue.)
"""

from .models import Tenant, TenantGroup
from .pages import related_portals
from .registry import registry
from .roles import Role


def portals_for(user) -> list[Tenant]:
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return list(Tenant.objects.order_by("level", "name"))
    memberships = TenantGroup.objects.filter(group__user=user).values_list("tenant_id", "role")
    ids = set()
    for tenant_id, role in memberships:
        ids.add(tenant_id)
        record = registry.by_id(tenant_id)
        if role == Role.PROVINCIAL_ADMIN and record is not None:
            ids.update(r.id for r in related_portals(record) if r.id != record.parent_id)
    return list(Tenant.objects.filter(pk__in=ids).order_by("level", "name"))


def can_see(user, tenant: Tenant) -> bool:
    return any(t.pk == tenant.pk for t in portals_for(user))
