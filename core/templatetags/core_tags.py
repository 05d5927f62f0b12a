from django import template

from core.dates import published_time, short_date
from core.languages import translations_of

register = template.Library()

register.filter("published_time", published_time)
register.filter("short_date", short_date)


@register.filter
def filesize(document):
    """'1,2 MB' style size of a Wagtail document, or '' if the file is missing."""
    try:
        size = document.file.size
    except (OSError, ValueError):
        return ""
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}".replace(".", ",")
        size /= 1024
    return ""


@register.simple_tag(takes_context=True)
def page_translations(context, page):
    """This page in the portal's other languages (for the switcher and hreflang)."""
    request = context.get("request")
    return translations_of(page, request) if request is not None else []


@register.inclusion_tag("core/includes/province_alerts.html", takes_context=True)
def province_alerts(context):
    """The alerts the portal's province shows now, above the content."""
    from core.alerts import showing

    tenant = context.get("tenant")
    return {"alerts": list(showing(tenant.id)) if tenant is not None else []}
