def portal_theme(request):
    """{{ portal_theme }}: the look of the portal this page belongs to."""
    return {"portal_theme": getattr(request, "portal_theme", None)}
