"""Snippet admin for models owned by a portal (a `tenant` foreign key): listings and
choosers show the user's portals' rows (and, to choose from, the portals above), and
new rows belong to the editor's portal."""

from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .scoping import scope_for


def owned_by_scope(queryset, user, *, readable=False):
    scope = scope_for(user)
    if scope.everything:
        return queryset
    return queryset.filter(tenant_id__in=scope.readable if readable else scope.visible)


class _ScopedChooserMixin:
    def get_object_list(self):
        return owned_by_scope(super().get_object_list(), self.request.user, readable=True)


class ScopedChooseView(_ScopedChooserMixin, ChooseView):
    pass


class ScopedChooseResultsView(_ScopedChooserMixin, ChooseResultsView):
    pass


class TenantOwnedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView


class TenantOwnedSnippetViewSet(SnippetViewSet):
    chooser_viewset_class = TenantOwnedChooserViewSet

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if queryset is None:
            queryset = self.model._default_manager.all()
        return owned_by_scope(queryset, request.user)
