from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from tenants.forms import TenantOwnedForm


class ProvinceAlert(models.Model):
    """Thông báo khẩn: hiện trên mọi cổng của tỉnh cùng lúc, phía trên nội dung, từ lúc
    bắt đầu đến lúc kết thúc. Người đọc có thể ẩn nó; cổng cấp dưới không gỡ được."""

    tenant = models.ForeignKey(
        "tenants.Tenant", on_delete=models.CASCADE, related_name="alerts", verbose_name=_("cổng tỉnh")
    )
    title = models.CharField(_("tiêu đề"), max_length=120)
    message = models.TextField(_("nội dung"), max_length=600)
    link = models.URLField(_("liên kết chi tiết"), blank=True)
    starts_at = models.DateTimeField(_("bắt đầu hiển thị"), default=timezone.now)
    ends_at = models.DateTimeField(_("kết thúc hiển thị"))

    base_form_class = TenantOwnedForm
    panels = [
        FieldPanel("tenant"),
        FieldPanel("title"),
        FieldPanel("message"),
        FieldPanel("link"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
    ]

    class Meta:
        verbose_name = _("thông báo khẩn")
        verbose_name_plural = _("thông báo khẩn")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Thời điểm kết thúc phải sau thời điểm bắt đầu.")
        if self.tenant_id and self.tenant.level != "province":
            errors["tenant"] = _("Chỉ cổng cấp tỉnh phát thông báo khẩn cho cả tỉnh.")
        if errors:
            raise ValidationError(errors)
