"""The smallest blocks: one piece of content each."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

PARAGRAPH_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        kwargs.setdefault("help_text", _("Đoạn văn bản; dùng Tiêu đề 2/3 để chia mục."))
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Đoạn văn")
        template = "blocks/paragraph.html"
