"""The document registry Decree 42/2022/NĐ-CP asks portals to keep: directives,
resolutions, decisions, plans… each with its number and symbol (“24-CT/TU”).

A province's documents are published once on the province's portal and listed by
every district portal below it (see tenants.visibility.shared_root_paths).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.text import fold, leading_number, number_key
from tenants.forms import TenantOwnedForm

from .portal_page import PortalPage


class IssuingBody(models.Model):
    """Cơ quan ban hành văn bản, ví dụ «Ban Thường vụ Tỉnh ủy». Cơ quan của tỉnh được
    các huyện dùng chung."""

    tenant = models.ForeignKey(
        "tenants.Tenant", on_delete=models.CASCADE, related_name="issuing_bodies", verbose_name=_("thuộc cổng")
    )
    name = models.CharField(_("tên cơ quan"), max_length=200)
    symbol = models.CharField(
        _("ký hiệu"),
        max_length=20,
        blank=True,
        help_text=_("Phần ký hiệu cơ quan trong số văn bản, ví dụ TU, HU, UBND."),
    )

    base_form_class = TenantOwnedForm
    panels = [FieldPanel("tenant"), FieldPanel("name"), FieldPanel("symbol")]

    class Meta:
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["tenant", "name"], name="unique_issuer_name_per_portal")]

    def __str__(self):
        return self.name


class DocumentType(models.TextChoices):
    DIRECTIVE = "chi-thi", _("Chỉ thị")
    RESOLUTION = "nghi-quyet", _("Nghị quyết")
    DECISION = "quyet-dinh", _("Quyết định")
    PLAN = "ke-hoach", _("Kế hoạch")
    CONCLUSION = "ket-luan", _("Kết luận")
    NOTICE = "thong-bao", _("Thông báo")
    GUIDANCE = "huong-dan", _("Hướng dẫn")
    OFFICIAL_LETTER = "cong-van", _("Công văn")
    REPORT = "bao-cao", _("Báo cáo")
    REGULATION = "quy-dinh", _("Quy định")
    PROGRAMME = "chuong-trinh", _("Chương trình")


class DirectiveStatus(models.TextChoices):
    IN_FORCE = "in-force", _("Còn hiệu lực")
    EXPIRED = "expired", _("Hết hiệu lực")
    SUPERSEDED = "superseded", _("Bị thay thế")


class DirectiveIndexPage(PortalPage):
    """Trang tra cứu văn bản của cổng: tìm theo số ký hiệu, loại, cơ quan ban hành,
    năm, tình trạng và từ khóa. Cổng huyện tự động hiện cả văn bản của tỉnh."""

    intro = models.TextField(_("giới thiệu"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["core.DirectivePage"]

    class Meta:
        verbose_name = _("trang tra cứu văn bản")
        verbose_name_plural = _("trang tra cứu văn bản")

    def get_context(self, request, *args, **kwargs):
        from core.directive_lookup import lookup

        context = super().get_context(request, *args, **kwargs)
        context.update(lookup(request))
        return context


class DirectivePage(PortalPage):
    """Một văn bản: loại, số ký hiệu, cơ quan ban hành, ngày ban hành, ngày hiệu lực,
    tình trạng, người ký, trích yếu, toàn văn và tệp đính kèm."""

    document_type = models.CharField(_("loại văn bản"), max_length=20, choices=DocumentType.choices, db_index=True)
    number_symbol = models.CharField(
        _("số, ký hiệu"), max_length=60, help_text=_("Như trên văn bản, ví dụ 24-CT/TU hoặc 893-QĐ/HU.")
    )
    number_key = models.CharField(max_length=60, editable=False, db_index=True)
    number = models.PositiveIntegerField(null=True, editable=False, db_index=True)
    issuer = models.ForeignKey(
        IssuingBody, on_delete=models.PROTECT, related_name="documents", verbose_name=_("cơ quan ban hành")
    )
    issue_date = models.DateField(_("ngày ban hành"), db_index=True)
    effective_date = models.DateField(_("ngày hiệu lực"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=DirectiveStatus.choices, default=DirectiveStatus.IN_FORCE, db_index=True
    )
    signer = models.CharField(_("người ký"), max_length=120, blank=True, help_text=_("Ví dụ: Bí thư Nguyễn Văn A"))
    summary = models.TextField(_("trích yếu"), max_length=2000, help_text=_("Nội dung tóm tắt ghi trên văn bản."))
    full_text = RichTextField(_("toàn văn"), blank=True)
    search_folded = models.TextField(editable=False, blank=True)
    report_deadline = models.DateField(
        _("hạn báo cáo thực hiện"),
        null=True,
        blank=True,
        help_text=_(
            "Với văn bản của tỉnh: hạn các cổng cấp dưới đăng báo cáo giám sát việc thực hiện. "
            "Sau hạn, cổng chưa báo cáo được nhắc mỗi ngày một lần."
        ),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_type"), FieldPanel("number_symbol")]),
                FieldPanel("issuer"),
                FieldRowPanel([FieldPanel("issue_date"), FieldPanel("effective_date")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("signer")]),
                FieldPanel("report_deadline"),
            ],
            heading=_("Thông tin văn bản"),
        ),
        FieldPanel("summary"),
        FieldPanel("full_text"),
        InlinePanel("attachments", label=_("tệp đính kèm")),
        InlinePanel("relations", label=_("văn bản liên quan")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("number_symbol"),
        index.SearchField("search_folded"),
        index.FilterField("document_type"),
        index.FilterField("status"),
        index.FilterField("issue_date"),
    ]
    parent_page_types = ["core.DirectiveIndexPage"]
    subpage_types = []
    own_date_field = "issue_date"

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")

    def __str__(self):
        return f"{self.get_document_type_display()} {self.number_symbol}"

    def clean(self):
        super().clean()
        errors = {}
        self.number_key = number_key(self.number_symbol)
        if not self.number_key:
            errors["number_symbol"] = _("Nhập số, ký hiệu có chữ hoặc số, ví dụ 24-CT/TU.")
        if self.issue_date and self.effective_date and self.effective_date < self.issue_date:
            errors["effective_date"] = _("Ngày hiệu lực không thể trước ngày ban hành (%(date)s).") % {
                "date": self.issue_date.strftime("%d/%m/%Y")
            }
        if self.number_key and self.issuer_id and self.issue_date:
            duplicate = (
                DirectivePage.objects.filter(
                    number_key=self.number_key, issuer_id=self.issuer_id, issue_date__year=self.issue_date.year
                )
                .exclude(translation_key=self.translation_key)
                .first()
            )
            if duplicate:
                errors["number_symbol"] = _("Cơ quan này đã có văn bản số %(number)s năm %(year)s: «%(title)s».") % {
                    "number": duplicate.number_symbol,
                    "year": self.issue_date.year,
                    "title": duplicate.title,
                }
        if errors:
            raise ValidationError(errors)

    def refresh_derived_fields(self):
        """The lookup's comparable number and folded text, kept in step with the fields;
        the text includes the words of the attached files already read
        (core.document_text re-folds this page when a file's words arrive later)."""
        self.number_key = number_key(self.number_symbol)
        self.number = leading_number(self.number_symbol)
        own = fold(f"{self.title} {self.number_symbol} {self.summary} {self.signer}")
        self.search_folded = self.folded_with_attachments(own)

    def supervision_reports(self):
        from .supervision import SupervisionReportPage

        return (
            SupervisionReportPage.objects.live()
            .public()
            .filter(supervised_directives__directive=self)
            .distinct()
            .order_by("-published_at")
        )

    def reporting_status(self):
        """For each portal below the issuing one: its reports on this document, or
        none yet. What the province looks at to see who has reported."""
        from tenants.visibility import children_of, tenant_of_page

        portal = self.portal
        if portal is None:
            return []
        by_portal = {}
        for report in self.supervision_reports():
            owner = tenant_of_page(report)
            if owner is not None:
                by_portal.setdefault(owner.id, []).append(report)
        return [(child, by_portal.get(child.id, [])) for child in children_of(portal)]


class Attachment(Orderable):
    """A file (the signed PDF, a DOC) attached to a page, shown with its type and size
    (core/includes/attachments.html)."""

    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    label = models.CharField(_("tên hiển thị"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        abstract = True


class DirectiveAttachment(Attachment):
    page = ParentalKey(DirectivePage, on_delete=models.CASCADE, related_name="attachments")


class DirectiveRelation(Orderable):
    class Kind(models.TextChoices):
        IMPLEMENTS = "implements", _("Thực hiện")
        AMENDS = "amends", _("Sửa đổi, bổ sung")
        SUPERSEDES = "supersedes", _("Thay thế")

    page = ParentalKey(DirectivePage, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(_("quan hệ"), max_length=20, choices=Kind.choices)
    target = models.ForeignKey(
        DirectivePage, on_delete=models.CASCADE, related_name="referenced_by", verbose_name=_("văn bản")
    )

    panels = [FieldPanel("kind"), FieldPanel("target")]

    def clean(self):
        if self.target_id and self.page_id and self.target_id == self.page_id:
            raise ValidationError({"target": _("Một văn bản không thể liên quan tới chính nó.")})


class DirectiveReminder(models.Model):
    """A reminder sent to one portal about one directive on one day: never twice."""

    directive = models.ForeignKey(DirectivePage, on_delete=models.CASCADE, related_name="reminders")
    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["directive", "tenant", "day"], name="one_reminder_a_day")]

    def __str__(self):
        return f"{self.directive_id} -> {self.tenant_id} on {self.day}"
