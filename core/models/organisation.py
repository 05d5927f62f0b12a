from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from .portal_page import PortalPage


class OrganisationPage(PortalPage):
    """Cơ cấu tổ chức và thông tin liên hệ chính thức của cổng (Nghị định 42/2022/NĐ-CP
    yêu cầu công khai, có bản tiếng Anh)."""

    functions = RichTextField(_("chức năng, nhiệm vụ"), blank=True)
    body = RichTextField(_("cơ cấu tổ chức"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=60, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("functions"),
        FieldPanel("body"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        InlinePanel("contacts", label=_("lãnh đạo, người phát ngôn")),
        InlinePanel("units", label=_("đơn vị trực thuộc")),
    ]
    parent_page_types = ["core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang tổ chức và liên hệ")
        verbose_name_plural = _("trang tổ chức và liên hệ")


class OfficialContact(TranslatableMixin, Orderable):
    """A leader or the spokesperson. Translatable with the page (Decree 42, Art. 7: the
    organisation and contacts in English): the position is translated; the name, phone
    and e-mail stay as they are in every language."""

    page = ParentalKey(OrganisationPage, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("họ tên"), max_length=120, help_text=_("Họ tên một người, không phải tên cơ quan."))
    position = models.CharField(_("chức vụ"), max_length=200)
    phone = models.CharField(_("điện thoại"), max_length=60, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_spokesperson = models.BooleanField(
        _("người phát ngôn"), default=False, help_text=_("Người phát ngôn, cung cấp thông tin cho báo chí.")
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("position")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldRowPanel([FieldPanel("photo"), FieldPanel("is_spokesperson")]),
    ]
    override_translatable_fields = [SynchronizedField("name"), SynchronizedField("phone"), SynchronizedField("email")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]


class OrganisationUnit(TranslatableMixin, Orderable):
    """A unit of the organisation, with its head and how to reach it. Its name and
    address are translated with the page; the rest stays as it is."""

    page = ParentalKey(OrganisationPage, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("tên đơn vị"), max_length=200)
    head = models.CharField(_("người đứng đầu"), max_length=200, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=60, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("head")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("address"),
    ]
    override_translatable_fields = [SynchronizedField("phone"), SynchronizedField("email")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
