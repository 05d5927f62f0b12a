"""Snippet admin for models owned by a portal (a `tenant` foreign key). The request's
scope (tenants.row_scope) already hides other portals' rows and lets a district read
its province's (to choose them); the listing, where rows are edited and deleted, shows
only the user's own portals' rows."""

from wagtail.snippets.views.snippets import SnippetViewSet

from .visibility import scope_for


class TenantOwnedSnippetViewSet(SnippetViewSet):
    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if queryset is None:
            queryset = self.model._default_manager.all()
        scope = scope_for(request.user)
        return queryset if scope.everything else queryset.filter(tenant_id__in=scope.own)
