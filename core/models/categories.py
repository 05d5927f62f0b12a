from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from tenants.forms import TenantOwnedForm


class NewsCategory(models.Model):
    """Chuyên mục tin tức của một cổng (ví dụ: Tin hoạt động, Xây dựng Đảng). Mỗi cổng
    có danh sách chuyên mục riêng."""

    tenant = models.ForeignKey(
        "tenants.Tenant", on_delete=models.CASCADE, related_name="news_categories", verbose_name=_("cổng")
    )
    name = models.CharField(_("tên chuyên mục"), max_length=120)
    slug = models.SlugField(
        _("đường dẫn"), max_length=120, blank=True, allow_unicode=False, help_text=_("Để trống để tạo tự động từ tên.")
    )

    base_form_class = TenantOwnedForm
    panels = [FieldPanel("tenant"), FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("chuyên mục tin")
        verbose_name_plural = _("chuyên mục tin")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["tenant", "slug"], name="unique_category_slug_per_portal")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            from core.text import fold

            self.slug = slugify(fold(self.name))[:120]
        super().save(*args, **kwargs)
