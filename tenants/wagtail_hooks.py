"""The provincial admins' «Các cổng» and «Thêm cổng» screens. Admin isolation itself lives in
tenants.admin_guard (which views, which ids) and tenants.row_scope (which rows)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import listing_queries, portals_admin
from .admin_views import add_portal, may_add_portals

listing_queries.install_translation_buttons()
hooks.register("construct_page_chooser_queryset", listing_queries.chooser_rows)


@hooks.register("register_admin_urls")
def register_add_portal_url():
    return [
        path("cong-thong-tin/", portals_admin.index, name="tenants_portals"),
        path("cong-thong-tin/them/", add_portal, name="tenants_add_portal"),
        path("cong-thong-tin/sap-nhap/", portals_admin.merge_portals, name="tenants_merge_portals"),
        path("cong-thong-tin/<slug:slug>/sua/", portals_admin.edit, name="tenants_portal_edit"),
        path("cong-thong-tin/<slug:slug>/luu-tru/", portals_admin.archive, name="tenants_portal_archive"),
    ]


class PortalsMenuItem(MenuItem):
    def is_shown(self, request):
        return portals_admin.may_manage_portals(request.user)


@hooks.register("register_admin_menu_item")
def register_portals_menu_item():
    return PortalsMenuItem(_("Các cổng"), reverse("tenants_portals"), icon_name="site", order=949)


class AddPortalMenuItem(MenuItem):
    def is_shown(self, request):
        return may_add_portals(request.user)


@hooks.register("register_admin_menu_item")
def register_add_portal_menu_item():
    return AddPortalMenuItem(_("Thêm cổng"), reverse("tenants_add_portal"), icon_name="site", order=950)
