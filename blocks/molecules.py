"""Blocks made of a few atoms: an image with its caption, a quote with its source,
a list of downloadable documents."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("ảnh"))
    alt_text = blocks.CharBlock(
        label=_("mô tả ảnh cho người khiếm thị"),
        max_length=250,
        required=False,
        help_text=_("Bỏ trống nếu chú thích đã mô tả đủ nội dung ảnh."),
    )
    caption = blocks.CharBlock(label=_("chú thích"), max_length=500, required=False)
    credit = blocks.CharBlock(label=_("nguồn ảnh"), max_length=120, required=False, help_text=_("Ví dụ: Ảnh: Ngọc Hân"))

    def clean(self, value):
        value = super().clean(value)
        if not value.get("alt_text") and not value.get("caption"):
            raise StructBlockValidationError(
                {
                    "alt_text": ValidationError(
                        _("Cần mô tả ảnh hoặc chú thích để người dùng trình đọc màn hình hiểu ảnh.")
                    )
                }
            )
        return value

    class Meta:
        icon = "image"
        label = _("Ảnh có chú thích")
        template = "blocks/captioned_image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("trích dẫn"))
    source = blocks.CharBlock(label=_("người / văn bản được trích"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "blocks/quote.html"


class DocumentsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("tiêu đề"), required=False, default=_("Tài liệu đính kèm"), max_length=120)
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("tài liệu")), label=_("tài liệu"), min_num=1)

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu tải về")
        template = "blocks/documents.html"
