"""The composed StreamBlock of article bodies. The home page's sections and the side
column also offer boxes that list pages, so they are composed in core/blocks.py."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .atoms import ParagraphBlock
from .molecules import CalloutBlock, CaptionedImageBlock, DocumentsBlock, QuoteBlock, TableBlock, VideoBlock
from .organisms import AccordionBlock, GalleryBlock


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    table = TableBlock()
    video = VideoBlock()
    documents = DocumentsBlock()
    callout = CalloutBlock()
    accordion = AccordionBlock()

    class Meta:
        label = _("Nội dung")
