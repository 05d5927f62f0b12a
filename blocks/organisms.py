"""Larger blocks that make up a section of a page: galleries, accordions, the boxes of
a portal's home page and side column (website links, slogan banner, visitor
statistics). The boxes that list pages (latest news, latest directives) query page
models, so they live with the page types, in core/blocks.py."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from tenants.registry import registry

from .atoms import LinkBlock, ShortTextBlock
from .molecules import DescribedImageMixin


class GalleryImageBlock(DescribedImageMixin, blocks.StructBlock):
    image = ImageChooserBlock(label=_("ảnh"))
    alt_text = blocks.CharBlock(label=_("mô tả ảnh cho người khiếm thị"), max_length=250, required=False)
    caption = blocks.CharBlock(label=_("chú thích"), max_length=300, required=False)


class GalleryBlock(blocks.StructBlock):
    """A set of photos from one event, shown as a grid of thumbnails."""

    heading = blocks.CharBlock(label=_("tiêu đề"), max_length=120, required=False)
    images = blocks.ListBlock(GalleryImageBlock(), label=_("ảnh"), min_num=2, max_num=30)
    credit = blocks.CharBlock(label=_("nguồn ảnh"), max_length=120, required=False, help_text=_("Ví dụ: Ảnh: Ngọc Hân"))

    class Meta:
        icon = "image"
        label = _("Bộ ảnh")
        template = "blocks/organisms/gallery.html"


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("câu hỏi / tiêu đề"), max_length=200)
    body = ShortTextBlock(label=_("nội dung"))


class AccordionBlock(blocks.StructBlock):
    """Questions and answers, or sections readers open one at a time (works without
    JavaScript: each item is a native details element)."""

    heading = blocks.CharBlock(label=_("tiêu đề"), max_length=120, required=False)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("mục"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Mục thu gọn (hỏi – đáp)")
        template = "blocks/organisms/accordion.html"


class WebsiteLinksBlock(blocks.StructBlock):
    """The «Liên kết website» box: links to other government portals."""

    DISPLAYS = [("list", _("Danh sách")), ("select", _("Hộp chọn"))]
    heading = blocks.CharBlock(label=_("tiêu đề"), max_length=120, default=_("Liên kết website"))
    display = blocks.ChoiceBlock(
        label=_("cách hiển thị"),
        choices=DISPLAYS,
        default="list",
        help_text=_("Hộp chọn gọn hơn khi có nhiều liên kết; vẫn dùng được khi trình duyệt tắt JavaScript."),
    )
    links = blocks.ListBlock(LinkBlock(), label=_("liên kết"), min_num=1, max_num=60)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        home = (parent_context or {}).get("portal_home")
        if home:  # the select posts to the portal's redirect route (HomePage.website_link)
            context["redirect_url"] = f"{home.get_url(request=(parent_context or {}).get('request'))}lien-ket/"
        return context

    class Meta:
        icon = "link"
        label = _("Liên kết website")
        template = "blocks/organisms/website_links.html"


def website_link_urls(stream_value) -> set[str]:
    """Every URL in the website-links boxes of a stream (what the no-JavaScript select
    may redirect to: nothing else, so it is not an open redirect)."""
    urls = set()
    for child in stream_value or []:
        if child.block_type == "website_links":
            urls.update(link["url"] for link in child.value["links"])
    return urls


class SloganBannerBlock(blocks.StructBlock):
    """A line of scrolling text. It stops for readers who ask their device for less
    motion, on hover and keyboard focus, and with its pause button."""

    text = blocks.CharBlock(
        label=_("nội dung"),
        max_length=255,
        required=False,
        help_text=_("Bỏ trống để dùng khẩu hiệu trong Cài đặt giao diện của cổng."),
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        theme = (parent_context or {}).get("portal_theme")
        context["slogan"] = value.get("text") or (theme.text.slogan if theme else "")
        return context

    class Meta:
        icon = "pick"
        label = _("Băng rôn khẩu hiệu")
        template = "blocks/organisms/slogan_banner.html"


def portal_choices():
    """Every portal, by slug (stable across databases), for the latest-news block
    (core.blocks; named here by the migrations that recorded it)."""
    return sorted(((r.slug, r.name) for r in registry.all()), key=lambda pair: pair[1])


class VisitorStatsBlock(blocks.StaticBlock):
    """The «Thống kê truy cập» box; its numbers are filled live on every view."""

    class Meta:
        icon = "view"
        label = _("Thống kê truy cập")
        admin_text = _("Hộp thống kê truy cập: tổng lượt, đang online, tuần, tháng, năm.")
        template = "analytics/stats_box.html"
