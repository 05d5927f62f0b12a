"""Admin forms for rows a portal owns (a `tenant` field: news categories, issuing
bodies). What a form offers to choose comes from the request's scope
(tenants.row_scope); the owner of a new row can only be one of the user's own portals,
never one above them that they may merely read."""

from wagtail.admin.forms import WagtailAdminModelForm

from .visibility import scope_for


class TenantOwnedForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("tenant")
        scope = scope_for(self.for_user) if self.for_user is not None else None
        if field is not None and scope is not None and not scope.everything:
            field.queryset = field.queryset.filter(pk__in=scope.own)
            if len(scope.own) == 1:
                field.initial = next(iter(scope.own))
