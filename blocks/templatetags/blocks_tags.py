from django import template
from wagtail.templatetags.wagtailcore_tags import richtext

from blocks.sanitize import clean_stored_rich_text

register = template.Library()


@register.filter
def safe_richtext(value):
    """Like Wagtail's |richtext, after removing anything the editor could not have made."""
    source = getattr(value, "source", value)
    return richtext(clean_stored_rich_text(source))
