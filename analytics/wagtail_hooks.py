from wagtail import hooks


@hooks.register("before_serve_page")
def remember_served_page(page, request, serve_args, serve_kwargs):
    """The page a view is counted for (analytics.middleware, and the cached copy)."""
    request.analytics_page_id = page.id


@hooks.register("register_admin_urls")
def register_statistics_urls():
    from django.urls import path

    from . import views

    return [
        path("thong-ke/", views.index, name="analytics_index"),
        path("thong-ke/cong/<slug:slug>/", views.portal_report, name="analytics_portal"),
        path("thong-ke/tinh/<slug:slug>/", views.province_dashboard, name="analytics_province"),
    ]


@hooks.register("register_admin_menu_item")
def register_statistics_menu_item():
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _
    from wagtail.admin.menu import MenuItem

    return MenuItem(_("Thống kê truy cập"), reverse("analytics_index"), icon_name="table", order=900)


@hooks.register("construct_homepage_panels")
def add_persistence_panel(request, panels):
    from .persistence import PersistencePanel

    panels.insert(0, PersistencePanel(request))
