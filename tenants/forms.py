"""Admin forms that only offer a portal's own things. Wagtail's select boxes list every
row of a model; for models owned by a portal (a `tenant` field: news categories,
issuing bodies) that would show one district every other district's names."""

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from .pages import tenant_of_page
from .registry import registry
from .scoping import scope_for


def _tenant_owned(queryset) -> bool:
    return queryset is not None and any(f.name == "tenant" for f in queryset.model._meta.get_fields())


class PortalPageForm(WagtailAdminPageForm):
    """A page's choices of portal-owned rows: its own portal's and those above it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance if self.instance.pk else self.parent_page
        record = tenant_of_page(page) if page is not None and page.path else None
        lineage = [r.id for r in registry.lineage(record)]
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if _tenant_owned(queryset):
                field.queryset = queryset.filter(tenant_id__in=lineage)


class TenantOwnedForm(WagtailAdminModelForm):
    """A portal-owned snippet: it may only be given to one of the user's portals."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("tenant")
        scope = scope_for(self.for_user) if self.for_user is not None else None
        if field is not None and scope is not None and not scope.everything:
            field.queryset = field.queryset.filter(pk__in=scope.visible)
            if len(scope.visible) == 1:
                field.initial = next(iter(scope.visible))
