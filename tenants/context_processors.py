from django.utils.functional import SimpleLazyObject


def tenant(request):
    """Expose the current portal to templates as {{ tenant }}, and its home page in the
    active language as {{ portal_home }} (looked up only if a template uses it)."""
    current = getattr(request, "tenant", None)
    if current is None:
        return {"tenant": None, "portal_home": None}

    def home():
        routed = getattr(request, "portal_home", None)  # set by HomePage.route: no query
        if routed is not None:
            return routed
        from core.models import HomePage

        page = HomePage.objects.filter(id=current.site.root_page_id).first()
        return page.localized if page is not None else None

    return {"tenant": current, "portal_home": SimpleLazyObject(home)}
