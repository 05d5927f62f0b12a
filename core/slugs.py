"""Page addresses in plain ASCII, from Vietnamese titles: "Đại hội Đảng bộ 11/2026"
becomes dai-hoi-dang-bo-11-2026, not a percent-encoded đ-ạ-… address, and a date's
slash is a hyphen instead of vanishing (11/2026 is not 112026).

WAGTAIL_ALLOW_UNICODE_SLUGS is off, so the admin's slug field transliterates as the
editor types; this module does the same on the server (pages made in code or by
import) and teaches the admin's field about slashes.
"""

from anyascii import anyascii
from django.utils.text import slugify

SEPARATORS = ("/", "\\")


def ascii_slugify(value, allow_unicode=False):
    """Django's slugify after transliterating (Đ -> D, ạ -> a) and turning slashes into
    hyphens; allow_unicode is accepted for Wagtail's call and ignored."""
    text = str(value)
    for separator in SEPARATORS:
        text = text.replace(separator, "-")
    return slugify(anyascii(text))


def install():
    import wagtail.models.pages
    from wagtail.admin.widgets.slug import SlugInput

    wagtail.models.pages.slugify = ascii_slugify

    original_init = SlugInput.__init__

    def __init__(self, attrs=None, formatters=None, locale=None):
        # Before the admin's own transliteration: a slash becomes a hyphen.
        original_init(self, attrs=attrs, formatters=formatters or [(r"[/\\]", "-")], locale=locale)

    SlugInput.__init__ = __init__
