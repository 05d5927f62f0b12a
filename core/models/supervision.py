"""Supervision reports: a party committee checks how a directive is carried out and
publishes what it found. A district's report may be about a provincial directive;
the directive's page then lists it, and the province sees who has reported."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from core.text import fold

from .articles import ArticlePage


class SupervisionStatus(models.TextChoices):
    PLANNED = "planned", _("Đã có quyết định")
    IN_PROGRESS = "in-progress", _("Đang giám sát")
    CONCLUDED = "concluded", _("Đã kết luận")


class SupervisionReportPage(ArticlePage):
    """Báo cáo giám sát: quyết định giám sát, văn bản được giám sát, đoàn giám sát,
    thời gian, các tập thể và cá nhân được giám sát, kết quả và kiến nghị."""

    decision_number = models.CharField(
        _("số quyết định giám sát"), max_length=60, blank=True, help_text=_("Ví dụ: 893-QĐ/HU")
    )
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_issuer = models.ForeignKey(
        "core.IssuingBody",
        verbose_name=_("cơ quan ra quyết định"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    supervising_body = models.CharField(
        _("đoàn giám sát"), max_length=200, blank=True, help_text=_("Ví dụ: Đoàn giám sát của Huyện ủy")
    )
    period_start = models.DateField(_("giám sát từ ngày"), null=True, blank=True)
    period_end = models.DateField(_("đến ngày"), null=True, blank=True)
    findings = RichTextField(_("kết quả giám sát"), blank=True, features=["bold", "italic", "ol", "ul", "link"])
    recommendations = RichTextField(_("kiến nghị"), blank=True, features=["bold", "italic", "ol", "ul", "link"])
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=SupervisionStatus.choices, default=SupervisionStatus.CONCLUDED
    )

    content_panels = [
        *Page.content_panels,
        *ArticlePage.article_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("decision_number"), FieldPanel("decision_date")]),
                FieldPanel("decision_issuer"),
                FieldPanel("supervising_body"),
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                FieldPanel("status"),
            ],
            heading=_("Quyết định và đoàn giám sát"),
        ),
        InlinePanel("supervised_directives", label=_("văn bản được giám sát"), min_num=1),
        InlinePanel("subjects", label=_("tập thể, cá nhân được giám sát")),
        FieldPanel("findings"),
        FieldPanel("recommendations"),
        FieldPanel("categories"),
    ]
    parent_page_types = ["core.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("báo cáo giám sát")
        verbose_name_plural = _("báo cáo giám sát")

    def folded_text(self):
        """The article's text and the findings and recommendations, without diacritics."""
        extra = fold(" ".join(part for part in (self.findings, self.recommendations) if part))
        return " ".join(part for part in (super().folded_text(), extra) if part)

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("Ngày kết thúc giám sát không thể trước ngày bắt đầu.")})

    def supervised(self):
        """The supervised documents with their pages, in one query."""
        return [link.directive for link in self.supervised_directives.select_related("directive", "directive__issuer")]

    def period_display(self):
        """'12–13/9/2023' for a short period in one month, as reports write it."""
        start, end = self.period_start, self.period_end
        if not start:
            return ""
        if not end or end == start:
            return f"{start.day}/{start.month}/{start.year}"
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{end.day}/{end.month}/{end.year}"
        return f"{start.day}/{start.month}/{start.year}–{end.day}/{end.month}/{end.year}"


class SupervisedDirective(Orderable):
    page = ParentalKey(SupervisionReportPage, on_delete=models.CASCADE, related_name="supervised_directives")
    directive = models.ForeignKey(
        "core.DirectivePage",
        on_delete=models.CASCADE,
        related_name="supervision_links",
        verbose_name=_("văn bản"),
        help_text=_("Có thể chọn văn bản của tỉnh."),
    )

    panels = [FieldPanel("directive")]


class SupervisionSubject(Orderable):
    class Kind(models.TextChoices):
        COLLECTIVE = "collective", _("Tập thể")
        INDIVIDUAL = "individual", _("Cá nhân")

    page = ParentalKey(SupervisionReportPage, on_delete=models.CASCADE, related_name="subjects")
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=200, help_text=_("Ví dụ: Đảng ủy xã An Nhơn"))
    role = models.CharField(_("chức vụ / vai trò"), max_length=200, blank=True)

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("name")]), FieldPanel("role")]
