"""Make the portal's theme current for the rest of the request. Nothing is read from
the database until a template or block asks for the theme."""

from .active import activate, deactivate


class ThemeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tenant = getattr(request, "tenant", None)
        if tenant is None:
            return self.get_response(request)
        token = activate(tenant.site_id)
        request.portal_theme = token.var.get()
        try:
            return self.get_response(request)
        finally:
            deactivate(token)
