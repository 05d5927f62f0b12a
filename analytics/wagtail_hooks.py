from wagtail import hooks


@hooks.register("before_serve_page")
def remember_served_page(page, request, serve_args, serve_kwargs):
    """The page a view is counted for (analytics.middleware, and the cached copy)."""
    request.analytics_page_id = page.id
