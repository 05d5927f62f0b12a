"""What a page tells search engines and link previews: a description (the editor's
search description, else the article's lead or the index's intro, else the portal's
slogan and name), Open Graph and Twitter tags, the portal's feeds on every page, and a
favicon (the theme's logo, else the national emblem)."""

from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.text import Truncator

DESCRIPTION_CHARS = 160


def description(page, tenant, slogan: str = "") -> str:
    for text in (
        getattr(page, "search_description", ""),
        getattr(page, "lead", ""),
        getattr(page, "intro", ""),
        slogan,
    ):
        text = " ".join(strip_tags(text or "").split())
        if text:
            return Truncator(text).chars(DESCRIPTION_CHARS)
    return tenant.name if tenant is not None else ""


def preview_image(page, request):
    """The absolute URL of the page's featured image as a 1200x630 crop, if it has one."""
    image = getattr(page, "featured_image", None)
    if image is None or request is None:
        return ""
    return request.build_absolute_uri(image.get_rendition("fill-1200x630|format-jpeg").url)


def icon_url(portal_theme) -> str:
    logo = portal_theme.settings.logo if portal_theme else None
    if logo is not None:
        return logo.get_rendition("fill-64x64|format-png").url
    return static("core/emblem.svg")
