from django.utils.functional import SimpleLazyObject

from core.models import HomePage


def portal_home(request):
    """The current portal's home page in the active language, as {{ portal_home }}
    (looked up only if a template uses it)."""
    current = getattr(request, "tenant", None)
    if current is None:
        return {"portal_home": None}

    def home():
        routed = getattr(request, "portal_home", None)  # set by HomePage.route: no query
        if routed is not None:
            return routed
        page = HomePage.objects.filter(id=current.site.root_page_id).first()
        return page.localized if page is not None else None

    return {"portal_home": SimpleLazyObject(home)}
