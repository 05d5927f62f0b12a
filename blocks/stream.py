"""The composed StreamBlocks that page bodies use."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .atoms import ParagraphBlock
from .molecules import CaptionedImageBlock, DocumentsBlock, QuoteBlock


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    documents = DocumentsBlock()

    class Meta:
        label = _("Nội dung")
