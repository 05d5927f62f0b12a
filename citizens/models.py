"""Questions citizens send a portal, and the answers it publishes.

A question moves received -> assigned -> answered -> published, or is rejected with a
reason. The person's name and contact are personal data (Decree 13/2023/NĐ-CP): only
the portal's moderators see them, they never reach a public page, a log or an export,
and they are erased after the portal's retention period (CitizenSettings)."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.search import index

from core.text import fold

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def new_tracking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


class Question(index.Indexed, models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Đã nhận")
        ASSIGNED = "assigned", _("Đã giao xử lý")
        ANSWERED = "answered", _("Đã trả lời")
        PUBLISHED = "published", _("Đã công bố")
        REJECTED = "rejected", _("Từ chối")

    TOPICS = [
        ("thu-tuc", _("Thủ tục hành chính")),
        ("dat-dai", _("Đất đai, xây dựng")),
        ("chinh-sach", _("Chính sách, chế độ")),
        ("moi-truong", _("Môi trường, đô thị")),
        ("khac", _("Khác")),
    ]

    tenant = models.ForeignKey(
        "tenants.Tenant", on_delete=models.CASCADE, related_name="questions", verbose_name=_("cổng"), editable=False
    )
    tracking_code = models.CharField(
        _("mã tra cứu"), max_length=12, unique=True, default=new_tracking_code, editable=False
    )
    topic = models.CharField(_("lĩnh vực"), max_length=20, choices=TOPICS)
    question = models.TextField(_("câu hỏi"), max_length=4000)
    name = models.CharField(_("họ tên người hỏi"), max_length=120, blank=True)
    contact = models.CharField(
        _("thư điện tử hoặc điện thoại"), max_length=120, blank=True, help_text=_("Để cơ quan trả lời riêng nếu cần.")
    )
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = models.TextField(_("trả lời"), blank=True)
    rejection_reason = models.CharField(_("lý do từ chối"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("ngày gửi"), default=timezone.now, editable=False)
    answered_at = models.DateTimeField(_("ngày trả lời"), null=True, blank=True, editable=False)
    personal_data_erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    search_folded = models.TextField(editable=False, blank=True)  # question and answer without marks

    search_fields = [
        index.SearchField("question"),
        index.SearchField("answer"),
        # Moderators look a question up by the code its citizen quotes on the phone.
        index.SearchField("tracking_code"),
        index.FilterField("tracking_code"),
        index.FilterField("tenant"),
        index.FilterField("status"),
    ]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("topic"),
                FieldPanel("question"),
                FieldPanel("name", read_only=True),
                FieldPanel("contact", read_only=True),
            ],
            heading=_("Câu hỏi"),
        ),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("assigned_to"), FieldPanel("answer"), FieldPanel("rejection_reason")],
            heading=_("Xử lý"),
        ),
    ]

    class Meta:
        verbose_name = _("câu hỏi của công dân")
        verbose_name_plural = _("hỏi đáp")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.tracking_code}: {self.question[:60]}"

    def save(self, *args, **kwargs):
        self.search_folded = fold(f"{self.question} {self.answer}")
        if self.status in (self.Status.ANSWERED, self.Status.PUBLISHED) and self.answered_at is None:
            self.answered_at = timezone.now()
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.status in (self.Status.ANSWERED, self.Status.PUBLISHED) and not self.answer.strip():
            errors["answer"] = _("Cần có câu trả lời trước khi chuyển sang trạng thái này.")
        if self.status == self.Status.ASSIGNED and self.assigned_to_id is None:
            errors["assigned_to"] = _("Chọn người xử lý câu hỏi.")
        if self.status == self.Status.REJECTED and not self.rejection_reason.strip():
            errors["rejection_reason"] = _("Cần ghi lý do từ chối.")
        if errors:
            raise ValidationError(errors)


@register_setting(icon="help")
class CitizenSettings(BaseSiteSetting):
    retention_days = models.PositiveIntegerField(
        _("thời hạn lưu thông tin cá nhân (ngày)"),
        default=365,
        help_text=_("Sau thời hạn này, họ tên và liên hệ của người hỏi được xóa; câu hỏi và trả lời được giữ lại."),
    )
    arithmetic_challenge = models.BooleanField(
        _("hỏi một phép tính khi gửi câu hỏi"),
        default=False,
        help_text=_("Bật khi cổng nhận nhiều thư rác: người gửi trả lời một phép cộng đơn giản."),
    )

    class Meta:
        verbose_name = _("cài đặt hỏi đáp")


class DraftComment(models.Model):
    """A citizen's comment on a draft document under consultation (core.DraftDocumentPage).

    Moderated like a question: received, then published or rejected. The name and
    contact are personal data, never shown or exported, erased after the retention
    period like a question's."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Đã nhận")
        PUBLISHED = "published", _("Đã công bố")
        REJECTED = "rejected", _("Không công bố")

    tenant = models.ForeignKey(
        "tenants.Tenant", on_delete=models.CASCADE, related_name="+", verbose_name=_("cổng"), editable=False
    )
    draft = models.ForeignKey(
        "core.DraftDocumentPage", on_delete=models.CASCADE, related_name="comments", verbose_name=_("dự thảo")
    )
    part = models.CharField(
        _("phần góp ý"), max_length=200, blank=True, help_text=_("Điều, khoản hoặc mục của dự thảo, nếu có.")
    )
    comment = models.TextField(_("nội dung góp ý"), max_length=6000)
    name = models.CharField(_("họ tên hoặc tổ chức"), max_length=200, blank=True)
    contact = models.CharField(_("thư điện tử hoặc điện thoại"), max_length=120, blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    created_at = models.DateTimeField(_("ngày gửi"), default=timezone.now, editable=False)
    personal_data_erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("draft", read_only=True),
        FieldPanel("part", read_only=True),
        FieldPanel("comment", read_only=True),
        MultiFieldPanel(
            [FieldPanel("name", read_only=True), FieldPanel("contact", read_only=True)], heading=_("Người góp ý")
        ),
        FieldPanel("status"),
    ]

    class Meta:
        verbose_name = _("góp ý dự thảo")
        verbose_name_plural = _("góp ý dự thảo")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.draft_id}: {self.comment[:60]}"
