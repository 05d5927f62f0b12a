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


@register.inclusion_tag("core/includes/page_metadata.html", takes_context=True)
def page_metadata(context, page):
    """Description, link-preview tags, the portal's feeds and its icon (core.metadata)."""
    from core import metadata
    from core.models import NewsIndexPage
    from tenants.visibility import ROOT_PATH_LENGTH

    request, tenant, look = context.get("request"), context.get("tenant"), context.get("portal_theme")
    news = None
    if tenant is not None and page is not None:
        # The news section under this page's home (the home's tree path is the first
        # ROOT_PATH_LENGTH characters of the page's): one query, no home lookup.
        home_path = page.path[:ROOT_PATH_LENGTH]
        news = NewsIndexPage.objects.live().filter(path__startswith=home_path, depth=3).first()
    return {
        "description": metadata.description(page, tenant, look.text.slogan if look else ""),
        "title": getattr(page, "seo_title", "") or getattr(page, "title", ""),
        "site_name": tenant.name if tenant is not None else "",
        "kind": "article" if getattr(page, "lead", None) is not None else "website",
        "url": page.get_full_url(request) if page is not None and request is not None else "",
        "image": metadata.preview_image(page, request),
        "icon": metadata.icon_url(look),
        "news": news,
        "locale": "en_US" if (context.get("LANGUAGE_CODE") or "vi").startswith("en") else "vi_VN",
    }
