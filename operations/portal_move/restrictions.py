"""Who may see the portal's private pages and folders (Wagtail's view restrictions: a
password, signing in, or membership of groups). They travel with what they protect, so
nothing private becomes public by moving. A restriction to groups keeps the portal's
own groups, by role; other groups are of the old deployment and are left out, which
only narrows who may see."""

from modelcluster.models import get_serializable_data_for_fields, model_from_serializable_data
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from tenants.models import TenantGroup

from .references import remap_row

# (model, the field that names what it protects)
RESTRICTIONS = ((PageViewRestriction, "page"), (CollectionViewRestriction, "collection"))


def gather_restrictions(tenant, page_ids, collection_ids) -> dict:
    roles = dict(TenantGroup.objects.filter(tenant=tenant).values_list("group_id", "role"))
    found = {}
    for model, field in RESTRICTIONS:
        protected = page_ids if field == "page" else collection_ids
        found[model._meta.label_lower] = [
            {"data": get_serializable_data_for_fields(r), "roles": [roles[g] for g in r.groups.values_list("pk", flat=True) if g in roles]}
            for r in model.objects.filter(**{f"{field}__in": protected}).prefetch_related("groups")
        ]  # fmt: skip
    return found


def restore_restrictions(content, tenant, ids):
    groups = {tg.role: tg.group for tg in TenantGroup.objects.filter(tenant=tenant).select_related("group")}
    for model, _field in RESTRICTIONS:
        for item in content.get("restrictions", {}).get(model._meta.label_lower, []):
            data = remap_row(model, dict(item["data"]), ids.resolve)
            if data is None:
                continue
            restriction = model_from_serializable_data(model, {**data, "pk": None}, check_fks=False)
            restriction.save()
            restriction.groups.set([groups[role] for role in item["roles"] if role in groups])
