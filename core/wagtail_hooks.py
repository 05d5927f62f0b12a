from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from tenants.snippets import TenantOwnedSnippetViewSet

from .models import IssuingBody, NewsCategory, ProvinceAlert


class NewsCategoryViewSet(TenantOwnedSnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("Chuyên mục tin")
    list_display = ["name", "slug", "tenant"]
    search_fields = ["name"]


class IssuingBodyViewSet(TenantOwnedSnippetViewSet):
    model = IssuingBody
    icon = "group"
    menu_label = _("Cơ quan ban hành")
    list_display = ["name", "symbol", "tenant"]
    search_fields = ["name", "symbol"]


class ProvinceAlertViewSet(TenantOwnedSnippetViewSet):
    model = ProvinceAlert
    icon = "warning"
    menu_label = _("Thông báo khẩn")
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["title", "starts_at", "ends_at", "tenant"]


register_snippet(NewsCategoryViewSet)
register_snippet(ProvinceAlertViewSet)
register_snippet(IssuingBodyViewSet)


@hooks.register("construct_homepage_panels")
def add_network_panel(request, panels):
    """Every portal the person works on, side by side, first on the admin's home; then
    the directives their portals are late reporting on."""
    from tenants.visibility import scope_for

    from .network_admin import NetworkPanel
    from .tracker_admin import OverduePanel

    panels.insert(0, NetworkPanel(request))
    panels.insert(1, OverduePanel(request, scope_for(request.user).own))


@hooks.register("register_admin_urls")
def register_network_urls():
    from django.urls import path

    from . import compliance_admin, tracker_admin, two_factor
    from .network_admin import network_csv

    return [
        path("tuan-thu/", compliance_admin.index, name="core_compliance"),
        path("tuan-thu/<slug:slug>/", compliance_admin.detail, name="core_compliance_detail"),
        path("mang-luoi/csv/", network_csv, name="core_network_csv"),
        path("theo-doi-van-ban/", tracker_admin.index, name="core_tracker"),
        path("theo-doi-van-ban/<int:page_id>/", tracker_admin.detail, name="core_tracker_detail"),
        path("xac-thuc/thiet-lap/", two_factor.setup, name=two_factor.SETUP),
        path("xac-thuc/", two_factor.verify, name=two_factor.VERIFY),
        path("xac-thuc/phuong-thuc/", two_factor.devices, name=two_factor.DEVICES),
    ]


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    """«Xác thực hai bước» on the account page, for those who use or must use it."""
    from . import two_factor

    user = request.user
    if not (two_factor.required_for(user) or two_factor.has_second_factor(user)):
        return None
    return {
        "url": reverse(two_factor.DEVICES),
        "label": _("Xác thực hai bước"),
        "help_text": _("Ứng dụng xác thực và khóa truy cập bạn dùng sau mật khẩu: thêm, xem nơi dùng được, gỡ."),
    }


class TrackerMenuItem(MenuItem):
    def is_shown(self, request):
        from .tracker_admin import _provinces

        return bool(_provinces(request.user))


@hooks.register("register_admin_menu_item")
def register_tracker_menu_item():
    from django.urls import reverse

    return TrackerMenuItem(_("Theo dõi văn bản"), reverse("core_tracker"), icon_name="doc-full-inverse", order=920)


@hooks.register("register_admin_menu_item")
def register_compliance_menu_item():
    from django.urls import reverse

    return MenuItem(_("Tuân thủ quy định"), reverse("core_compliance"), icon_name="tasks", order=930)
