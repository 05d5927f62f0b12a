"""The provincial admins' «Thêm cổng» screen. Admin isolation itself lives in
tenants.admin_guard (which views, which ids) and tenants.row_scope (which rows)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import add_portal, may_add_portals


@hooks.register("register_admin_urls")
def register_add_portal_url():
    return [path("cong-thong-tin/them/", add_portal, name="tenants_add_portal")]


class AddPortalMenuItem(MenuItem):
    def is_shown(self, request):
        return may_add_portals(request.user)


@hooks.register("register_admin_menu_item")
def register_add_portal_menu_item():
    return AddPortalMenuItem(_("Thêm cổng"), reverse("tenants_add_portal"), icon_name="site", order=950)
