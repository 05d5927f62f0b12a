def tenant(request):
    """Expose the current portal to templates as {{ tenant }} (its home page is
    core.context_processors.portal_home)."""
    return {"tenant": getattr(request, "tenant", None)}
