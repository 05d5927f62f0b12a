def tenant(request):
    """Expose the current portal to templates as {{ tenant }}."""
    return {"tenant": getattr(request, "tenant", None)}
