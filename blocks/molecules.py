"""Blocks made of a few atoms: an image with its caption, a quote with its source,
downloadable documents, a call-out, a video, a table."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from .atoms import ShortTextBlock
from .video import parse_video_url


class DescribedImageMixin:
    """An image must be described for screen readers, by its alt text or its caption.
    Reported with the struct's other errors, so an editor sees every problem at once."""

    def clean(self, value):
        errors = {}
        try:
            value = super().clean(value)
        except StructBlockValidationError as error:
            errors.update(error.block_errors)
        if not value.get("alt_text") and not value.get("caption"):
            errors.setdefault(
                "alt_text",
                ValidationError(_("Cần mô tả ảnh hoặc chú thích để người dùng trình đọc màn hình hiểu ảnh.")),
            )
        if errors:
            raise StructBlockValidationError(errors)
        return value


class CaptionedImageBlock(DescribedImageMixin, blocks.StructBlock):
    image = ImageChooserBlock(label=_("ảnh"))
    alt_text = blocks.CharBlock(
        label=_("mô tả ảnh cho người khiếm thị"),
        max_length=250,
        required=False,
        help_text=_("Bỏ trống nếu chú thích đã mô tả đủ nội dung ảnh."),
    )
    caption = blocks.CharBlock(label=_("chú thích"), max_length=500, required=False)
    credit = blocks.CharBlock(label=_("nguồn ảnh"), max_length=120, required=False, help_text=_("Ví dụ: Ảnh: Ngọc Hân"))

    class Meta:
        icon = "image"
        label = _("Ảnh có chú thích")
        template = "blocks/molecules/captioned_image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("trích dẫn"))
    source = blocks.CharBlock(label=_("người / văn bản được trích"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "blocks/molecules/quote.html"


class DocumentsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("tiêu đề"), required=False, default=_("Tài liệu đính kèm"), max_length=120)
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("tài liệu")), label=_("tài liệu"), min_num=1)

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu tải về")
        template = "blocks/molecules/documents.html"


class CalloutBlock(blocks.StructBlock):
    """A boxed notice that stands out from the text around it."""

    KINDS = [
        ("info", _("Thông tin")),
        ("important", _("Quan trọng")),
        ("warning", _("Cảnh báo")),
    ]
    kind = blocks.ChoiceBlock(label=_("loại"), choices=KINDS, default="info")
    heading = blocks.CharBlock(label=_("tiêu đề"), max_length=120, required=False)
    text = ShortTextBlock(label=_("nội dung"))

    class Meta:
        icon = "warning"
        label = _("Hộp thông báo")
        template = "blocks/molecules/callout.html"


class VideoBlock(blocks.StructBlock):
    """A YouTube or Vimeo video. Readers see a link and a play button; the player (a
    third-party site) loads only when they press it."""

    url = blocks.URLBlock(
        label=_("liên kết video"),
        help_text=_("Liên kết YouTube hoặc Vimeo, ví dụ: https://www.youtube.com/watch?v=…"),
    )
    title = blocks.CharBlock(
        label=_("tên video"), max_length=200, help_text=_("Người dùng trình đọc màn hình nghe tên này.")
    )
    caption = blocks.CharBlock(label=_("chú thích"), max_length=500, required=False)

    def clean(self, value):
        value = super().clean(value)
        if parse_video_url(value.get("url")) is None:
            raise StructBlockValidationError(
                {"url": ValidationError(_("Chỉ nhận liên kết video của YouTube hoặc Vimeo."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["video"] = parse_video_url(value.get("url"))
        return context

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/molecules/video.html"


class TableBlock(WagtailTableBlock):
    """A data table; the header row is read out by screen readers with each cell."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "table_options",
            {
                "contextMenu": [
                    "row_above",
                    "row_below",
                    "col_left",
                    "col_right",
                    "remove_row",
                    "remove_col",
                    "undo",
                    "redo",
                ]
            },
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        rows = [row for row in (value or {}).get("data") or [] if any((cell or "").strip() for cell in row)]
        if not rows:
            raise ValidationError(_("Bảng chưa có dữ liệu."))
        if not (value.get("table_caption") or "").strip():
            raise ValidationError(_("Cần tên bảng (chú thích) để người đọc biết bảng nói về gì."))
        return value

    class Meta:
        icon = "table"
        label = _("Bảng")
        template = "blocks/molecules/table.html"
