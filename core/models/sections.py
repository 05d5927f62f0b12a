"""The content areas Decree 42/2022/NĐ-CP (Art. 4) requires every portal to publish,
beyond news, documents and the organisation page: plans, administrative procedures,
projects and procurement, budget reports, law dissemination, the list of information
made public (one section type with a kind, holding items), a weekly work calendar,
and photo and video galleries. core.sections gives every new portal each of them."""

from datetime import date, time, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from blocks.atoms import ParagraphBlock
from blocks.molecules import CaptionedImageBlock, VideoBlock
from blocks.organisms import GalleryBlock
from core.listing import paginate
from core.text import fold

from .directives import Attachment
from .portal_page import PortalPage


class SectionKind(models.TextChoices):
    PLANS = "plans", _("Kế hoạch, chiến lược, quy hoạch")
    PROCEDURES = "procedures", _("Thủ tục hành chính")
    PROJECTS = "projects", _("Dự án, đấu thầu, mua sắm công")
    BUDGET = "budget", _("Ngân sách, báo cáo tài chính")
    LAW = "law", _("Phổ biến, giáo dục pháp luật")
    DISCLOSURE = "disclosure", _("Danh mục thông tin công khai")
    DRAFTS = "drafts", _("Lấy ý kiến dự thảo văn bản")


class InformationSectionPage(PortalPage):
    """A section the law requires, listing its items newest first."""

    kind = models.CharField(_("loại chuyên mục"), max_length=20, choices=SectionKind.choices)
    intro = models.TextField(_("giới thiệu"), max_length=500, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("kind"), FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["core.InformationItemPage", "core.DraftDocumentPage"]

    class Meta:
        verbose_name = _("chuyên mục thông tin")
        verbose_name_plural = _("chuyên mục thông tin")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.children_listed(InformationItemPage, "-issued_on", "-pk")
        context["items"], context["page_message"] = paginate(items, request.GET.get("page"))
        return context


class InformationItemPage(PortalPage):
    """One plan, procedure, project, report or notice, with its files."""

    reference = models.CharField(
        _("số, ký hiệu"), max_length=100, blank=True, help_text=_("Nếu có, ví dụ 125/KH-UBND.")
    )
    issued_on = models.DateField(_("ngày ban hành, cập nhật"), default=timezone.localdate, db_index=True)
    summary = models.TextField(_("tóm tắt"), max_length=1000, blank=True)
    body = RichTextField(_("nội dung"), blank=True)
    link_url = models.URLField(
        _("liên kết"),
        blank=True,
        help_text=_("Ví dụ thủ tục trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) hoặc của tỉnh."),
    )
    link_title = models.CharField(_("tên liên kết"), max_length=200, blank=True)
    # Its words and its files' words without marks, for site search (core.site_search).
    search_folded = models.TextField(editable=False, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("reference"), FieldPanel("issued_on")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("link_url"), FieldPanel("link_title")], heading=_("Liên kết")),
        InlinePanel("attachments", label=_("tệp đính kèm")),
    ]
    parent_page_types = ["core.InformationSectionPage"]
    subpage_types = []
    own_date_field = "issued_on"

    class Meta:
        verbose_name = _("mục thông tin")
        verbose_name_plural = _("mục thông tin")

    def clean(self):
        super().clean()
        if self.link_url and not self.link_title:
            raise ValidationError({"link_title": _("Đặt tên cho liên kết để người đọc biết nó dẫn tới đâu.")})

    def refresh_derived_fields(self):
        """The folded search text: what the reader sees of this item and the words of the
        files it attaches (core.document_text re-folds it when a file's words arrive)."""
        own = fold(f"{self.title} {self.reference} {self.summary} {strip_tags(self.body)} {self.link_title}")
        self.search_folded = self.folded_with_attachments(own)


class InformationAttachment(Attachment):
    page = ParentalKey(InformationItemPage, on_delete=models.CASCADE, related_name="attachments")


class DraftDocumentPage(RoutablePageMixin, InformationItemPage):
    """A draft open for the public's comments until a deadline (Decree 42, Art. 4: the
    portal takes comments on draft documents). The page shows the draft, its files and
    the comments published; «Gửi góp ý» (/gop-y/) takes a comment while it is open;
    moderators publish or reject them («Góp ý dự thảo») and export the summary. The
    comments are citizens': its routes (the draft with the comments published, /gop-y/)
    are added by citizens.views."""

    closes_on = models.DateField(_("hạn góp ý"), help_text=_("Ngày cuối cùng nhận góp ý (hết ngày này)."))

    content_panels = [
        *InformationItemPage.content_panels[:2],
        FieldPanel("closes_on"),
        *InformationItemPage.content_panels[2:],
    ]
    parent_page_types = ["core.InformationSectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("dự thảo lấy ý kiến")
        verbose_name_plural = _("dự thảo lấy ý kiến")

    def clean(self):
        super().clean()
        if self.closes_on and self.issued_on and self.closes_on < self.issued_on:
            raise ValidationError({"closes_on": _("Hạn góp ý không thể trước ngày đăng dự thảo.")})

    @property
    def is_open(self) -> bool:
        return self.issued_on <= timezone.localdate() <= self.closes_on


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


class WorkCalendarPage(PortalPage):
    """Lịch công tác: one page per week below it; the current week is shown first."""

    intro = models.TextField(_("giới thiệu"), max_length=500, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["core.WorkWeekPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("lịch công tác")
        verbose_name_plural = _("lịch công tác")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        weeks = self.children_listed(WorkWeekPage, "-week_start")
        # The latest week that has begun (one row), and the half-year of weeks to list.
        context["current"] = weeks.filter(week_start__lte=monday_of(timezone.localdate())).first()
        context["weeks"] = weeks[:26]
        return context


class WorkWeekPage(PortalPage):
    week_start = models.DateField(_("tuần bắt đầu từ thứ Hai"), db_index=True)
    note = models.TextField(_("ghi chú"), max_length=500, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("week_start"),
        FieldPanel("note"),
        InlinePanel("entries", label=_("hoạt động")),
    ]
    parent_page_types = ["core.WorkCalendarPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lịch công tác tuần")
        verbose_name_plural = _("lịch công tác tuần")

    def clean(self):
        super().clean()
        if self.week_start and self.week_start.weekday() != 0:
            raise ValidationError(
                {"week_start": _("Chọn ngày thứ Hai đầu tuần (%(day)s).") % {"day": monday_of(self.week_start)}}
            )

    def days(self):
        """The week's activities grouped by day, Monday first."""
        grouped: dict[date, list] = {}
        for entry in sorted(self.entries.all(), key=lambda e: (e.day, e.time or time.min)):
            grouped.setdefault(entry.day, []).append(entry)
        return sorted(grouped.items())


class WorkCalendarEntry(Orderable):
    page = ParentalKey(WorkWeekPage, on_delete=models.CASCADE, related_name="entries")
    day = models.DateField(_("ngày"))
    time = models.TimeField(_("giờ"), null=True, blank=True)
    content = models.CharField(_("nội dung"), max_length=500)
    chair = models.CharField(_("chủ trì"), max_length=200, blank=True)
    participants = models.CharField(_("thành phần"), max_length=500, blank=True)
    location = models.CharField(_("địa điểm"), max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("day"), FieldPanel("time")]),
        FieldPanel("content"),
        FieldRowPanel([FieldPanel("chair"), FieldPanel("location")]),
        FieldPanel("participants"),
    ]

    def clean(self):
        super().clean()
        week = getattr(self.page, "week_start", None)
        if week and self.day and not week <= self.day < week + timedelta(days=7):
            raise ValidationError({"day": _("Ngày này không thuộc tuần của trang.")})


class GalleryIndexPage(PortalPage):
    """Thư viện ảnh, video: the albums below it, newest first."""

    intro = models.TextField(_("giới thiệu"), max_length=500, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["core.GalleryPage"]

    class Meta:
        verbose_name = _("thư viện ảnh, video")
        verbose_name_plural = _("thư viện ảnh, video")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        albums = self.children_listed(GalleryPage, "-taken_on", "-pk")
        context["albums"], context["page_message"] = paginate(albums, request.GET.get("page"))
        return context


class GalleryPage(PortalPage):
    taken_on = models.DateField(_("ngày"), default=timezone.localdate)
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh bìa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(
        [
            ("gallery", GalleryBlock()),
            ("image", CaptionedImageBlock()),
            ("video", VideoBlock()),
            ("paragraph", ParagraphBlock()),
        ],
        verbose_name=_("ảnh, video"),
        blank=True,
    )

    content_panels = [*Page.content_panels, FieldPanel("taken_on"), FieldPanel("cover"), FieldPanel("body")]
    parent_page_types = ["core.GalleryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("album ảnh, video")
        verbose_name_plural = _("album ảnh, video")
