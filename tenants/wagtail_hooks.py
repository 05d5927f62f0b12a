"""Admin listings filtered to the user's portals (tenants.scoping): the page explorer
and chooser, image and document tags. Lookups by id are guarded by
tenants.admin_guard."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .pages import within
from .scoping import readable_root_paths


def _within_readable_portals(pages, request):
    paths = readable_root_paths(request.user)
    if paths is None:
        return pages
    # The tree root (depth 1) stays: it is where browsing starts, and holds no content.
    return pages.filter(within(paths, also=Q(depth=1)))


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):
    return _within_readable_portals(pages, request)


@hooks.register("construct_explorer_page_queryset")
def scope_explorer(parent_page, pages, request):
    return _within_readable_portals(pages, request)


@hooks.register("register_admin_urls")
def register_add_portal_url():
    from django.urls import path

    from .admin_views import add_portal

    return [path("cong-thong-tin/them/", add_portal, name="tenants_add_portal")]


class AddPortalMenuItem(MenuItem):
    def is_shown(self, request):
        from .admin_views import may_add_portals

        return may_add_portals(request.user)


@hooks.register("register_admin_menu_item")
def register_add_portal_menu_item():
    return AddPortalMenuItem(_("Thêm cổng"), reverse("tenants_add_portal"), icon_name="site", order=950)
