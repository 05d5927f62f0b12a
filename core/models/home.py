from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """Trang chủ của một cổng thông tin. Mỗi cổng (tỉnh, huyện) có đúng một trang chủ,
    được tạo tự động khi tạo cổng; mọi trang khác của cổng nằm bên dưới nó."""

    slogan = models.CharField(
        _("khẩu hiệu"),
        max_length=255,
        blank=True,
        help_text=_("Dòng chữ chạy trên băng rôn đầu trang, ví dụ khẩu hiệu hành động của Đảng bộ."),
    )
    intro = RichTextField(
        _("giới thiệu"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Một đoạn ngắn giới thiệu cổng thông tin, hiện dưới tên cổng."),
    )

    content_panels = [*Page.content_panels, FieldPanel("slogan"), FieldPanel("intro")]

    # The home page is created with its portal and sits at the top of the portal's tree.
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")
