"""The smallest blocks: one piece of content each."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

PARAGRAPH_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]
SHORT_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class CleanRichTextBlock(blocks.RichTextBlock):
    """Rich text whose stored form is cleaned on the way into the database too, so text
    that did not come through the admin's editor (imports, the API) cannot hold markup
    the editor would choke on or a reader's browser would run."""

    def get_prep_value(self, value):
        from .sanitize import clean_stored_rich_text

        return clean_stored_rich_text(super().get_prep_value(value))


class ParagraphBlock(CleanRichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        kwargs.setdefault("help_text", _("Đoạn văn bản; dùng Tiêu đề 2/3 để chia mục."))
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Đoạn văn")
        template = "blocks/atoms/paragraph.html"


class ShortTextBlock(CleanRichTextBlock):
    """Rich text without headings, for text inside another block (call-outs, accordions)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", SHORT_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/atoms/paragraph.html"


class LinkBlock(blocks.StructBlock):
    """A titled link to another website."""

    title = blocks.CharBlock(label=_("tên hiển thị"), max_length=120)
    url = blocks.URLBlock(label=_("địa chỉ"), help_text=_("Địa chỉ đầy đủ, ví dụ: https://lamdong.gov.vn"))

    class Meta:
        icon = "link"
        label = _("Liên kết")
