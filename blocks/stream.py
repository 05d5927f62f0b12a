"""The composed StreamBlocks that page bodies use."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .atoms import ParagraphBlock
from .molecules import CalloutBlock, CaptionedImageBlock, DocumentsBlock, QuoteBlock, TableBlock, VideoBlock
from .organisms import (
    AccordionBlock,
    GalleryBlock,
    LatestDirectivesBlock,
    LatestNewsBlock,
    SloganBannerBlock,
    VisitorStatsBlock,
    WebsiteLinksBlock,
)


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


class HomeSectionsBlock(blocks.StreamBlock):
    """The sections of a portal's home page, in the order editors arrange them."""

    latest_news = LatestNewsBlock()
    latest_directives = LatestDirectivesBlock()
    slogan_banner = SloganBannerBlock()
    callout = CalloutBlock()
    paragraph = ParagraphBlock()
    gallery = GalleryBlock()
    video = VideoBlock()
    website_links = WebsiteLinksBlock()
    visitor_stats = VisitorStatsBlock()

    class Meta:
        label = _("Các khối trang chủ")


class SidebarBlock(blocks.StreamBlock):
    """The side column shown on every page of a portal."""

    website_links = WebsiteLinksBlock()
    visitor_stats = VisitorStatsBlock()
    latest_directives = LatestDirectivesBlock()
    callout = CalloutBlock()

    class Meta:
        label = _("Cột bên")
