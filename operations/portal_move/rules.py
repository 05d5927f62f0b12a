"""Which rows are a portal's, found as the merge and the backup find them: every model
with a key to the portal (tenants.Tenant) or to its Wagtail site. A move carries each
of them, except the ones below, which provisioning makes anew or which mean nothing in
another deployment; a test fails on a model with such a key that is neither."""

from django.apps import apps
from wagtail.models import Page, Site

from tenants.models import Tenant

SKIPPED = {
    "tenants.Tenant": "the portal itself: provisioned anew from the manifest",
    "tenants.TenantAlias": "in the manifest; provisioned with the portal (not with --hostname)",
    "tenants.TenantGroup": "provisioned with the portal; its members are carried as roles",
    "wagtailcore.GroupSitePermission": "provisioned with the portal",
    "analytics.FlushRecord": "only makes a replayed flush a no-op in the old deployment",
    "core.DirectiveReminder": "reminders sent in the old deployment about its directives",
}

# Unique values that only tell rows apart (a second import of one file must not clash).
# Others are kept (a citizen looks their question up by its tracking code), unless taken
# here already, as when a portal is imported beside itself: then the field's default.
FRESH_UNIQUE = {"analytics.PendingView": "event_id"}


def owned_models() -> list[tuple[type, str, str]]:
    """(model, the field that points at the portal or its site, "tenant" or "site")."""
    found = []
    for model in apps.get_models():
        if model._meta.label in SKIPPED or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            owner = {Tenant: "tenant", Site: "site"}.get(getattr(field, "related_model", None))
            if owner and (field.many_to_one or field.one_to_one):
                found.append((model, field.name, owner))
                break
    return found


def after_pages(model) -> bool:
    """Rows that point at pages are restored once the pages have their new ids."""
    return any(
        field.name == "page_id" or (field.related_model is not None and issubclass(field.related_model, Page))
        for field in model._meta.concrete_fields
    ) or model._meta.label.startswith("wagtailredirects.")
