"""ThemeSettings: how one portal looks, edited by that portal's moderators.

Text a reader sees (slogan, footer lines, header links) is translatable: the fields on
ThemeSettings are in the portal's main language (Vietnamese), and a «Bản dịch» row per
other language overrides any of them; a field left empty there falls back to the main
text. Wagtail and wagtail-localize have no translatable site settings, so this is ours.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from .colours import DARK_TEXT, WHITE, contrast_error, validate_hex_colour
from .registry import DEFAULT_THEME, theme_choices, validate_theme_name

COLOUR_HELP = _("Mã màu dạng #RRGGBB. Bỏ trống để dùng màu mặc định của giao diện.")


class TranslatableText(models.Model):
    """The reader-facing text of a portal's settings, in one language."""

    slogan = models.CharField(
        _("khẩu hiệu"),
        max_length=255,
        blank=True,
        help_text=_("Dòng chữ chạy trên băng rôn đầu trang, ví dụ khẩu hiệu hành động của Đảng bộ."),
    )
    footer_address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    licence_line = models.CharField(
        _("giấy phép, cơ quan chủ quản"),
        max_length=500,
        blank=True,
        help_text=_("Ví dụ: Cơ quan chủ quản: Ủy ban nhân dân xã … Giấy phép số 12/GP-STTTT."),
    )
    responsible_person = models.CharField(
        _("chịu trách nhiệm chính"),
        max_length=255,
        blank=True,
        help_text=_("Họ tên và chức vụ người chịu trách nhiệm chính, ví dụ: Ông Nguyễn Văn A, Chánh Văn phòng."),
    )

    TEXT_FIELDS = ("slogan", "footer_address", "licence_line", "responsible_person")

    class Meta:
        abstract = True


def label_image(name):
    """A label a certifying body issued, shown in the footer when set."""
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ảnh nhãn do cơ quan cấp; tải lên thư viện ảnh của cổng, không dùng mã nhúng từ trang khác."),
    )


def language_choices():
    return [(code, name) for code, name in settings.WAGTAIL_CONTENT_LANGUAGES if code != settings.LANGUAGE_CODE]


def other_languages(stored: str) -> list[str]:
    known = {code for code, _name in language_choices()}
    return [code for code in (stored or "").split(",") if code in known]


class ThemeSettingsForm(WagtailAdminModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Ngôn ngữ khác"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].help_text = self._meta.model._meta.get_field("languages").help_text
        self.initial["languages"] = other_languages(self.instance.languages)

    def clean_languages(self):
        return ",".join(code for code, _name in language_choices() if code in self.cleaned_data["languages"])

    def is_valid(self):
        """One translation per language. Django compares the rows of one form with each
        other, not with a row saved since the form was loaded (the same form sent twice):
        that failed in the database, a 500, instead of saying what is wrong. The rows are
        validated after clean(), so the check comes after them."""
        valid = super().is_valid()
        forms = [f for f in self.formsets["translations"].forms if getattr(f, "cleaned_data", None)]
        kept = {f.instance.pk for f in forms if f.instance.pk}
        saved = set()
        if self.instance.pk:
            rows = ThemeTranslation.objects.filter(settings=self.instance).exclude(pk__in=kept)
            saved = set(rows.values_list("locale_id", flat=True))
        for form in forms:
            locale = form.cleaned_data.get("locale")
            if locale is not None and not form.cleaned_data.get("DELETE") and locale.pk in saved:
                form.add_error("locale", _("Ngôn ngữ này đã có bản dịch."))
                valid = False
        return valid


@register_setting(icon="palette")
class ThemeSettings(ClusterableModel, BaseSiteSetting, TranslatableText):
    theme = models.CharField(
        _("giao diện"),
        max_length=32,
        choices=theme_choices,
        default=DEFAULT_THEME,
        validators=[validate_theme_name],
        help_text=_("Bố cục và kiểu chữ của cổng. Màu sắc bên dưới áp lên giao diện này."),
    )
    brand_colour = models.CharField(
        _("màu chủ đạo"), max_length=7, blank=True, validators=[validate_hex_colour], help_text=COLOUR_HELP
    )
    accent_colour = models.CharField(
        _("màu nhấn (băng rôn khẩu hiệu)"),
        max_length=7,
        blank=True,
        validators=[validate_hex_colour],
        help_text=COLOUR_HELP,
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("biểu trưng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Hiện bên trái tên cổng. Bỏ trống để dùng Quốc huy."),
    )
    banner_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh nền đầu trang"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ảnh phong cảnh rộng, phủ sau tên cổng; nên dùng ảnh tối để chữ trắng dễ đọc."),
    )
    footer_phone = models.CharField(_("điện thoại"), max_length=60, blank=True)
    footer_email = models.EmailField(_("thư điện tử"), blank=True)
    # Two different labels, each shown only when set: «Tín nhiệm mạng» (the national
    # cyber-security centre's trust label) and the EMC label.
    trust_image = label_image(_("nhãn Tín nhiệm mạng"))
    trust_url = models.URLField(_("liên kết xác minh nhãn Tín nhiệm mạng"), blank=True)
    emc_image = label_image(_("nhãn EMC"))
    emc_url = models.URLField(_("liên kết xác minh nhãn EMC"), blank=True)
    languages = models.CharField(
        _("ngôn ngữ khác"),
        max_length=100,
        blank=True,
        default="en",
        help_text=_(
            "Tiếng Việt luôn có. Chọn các ngôn ngữ khác mà cổng có bản dịch: chỉ những ngôn ngữ này có địa chỉ "
            "riêng (/en/…), nút chuyển ngôn ngữ và mục dịch trong trang quản trị."
        ),
    )

    base_form_class = ThemeSettingsForm
    panels = [
        TabbedInterface(
            [
                ObjectList(
                    [
                        FieldPanel("theme"),
                        FieldRowPanel([FieldPanel("brand_colour"), FieldPanel("accent_colour")]),
                        FieldPanel("logo"),
                        FieldPanel("banner_image"),
                        FieldPanel("slogan"),
                        InlinePanel("header_links", label=_("liên kết đầu trang"), max_num=8),
                    ],
                    heading=_("Giao diện"),
                ),
                ObjectList(
                    [
                        FieldPanel("footer_address"),
                        FieldRowPanel([FieldPanel("footer_phone"), FieldPanel("footer_email")]),
                        FieldPanel("licence_line"),
                        FieldPanel("responsible_person"),
                        MultiFieldPanel(
                            [FieldPanel("trust_image"), FieldPanel("trust_url")], heading=_("Nhãn Tín nhiệm mạng")
                        ),
                        MultiFieldPanel([FieldPanel("emc_image"), FieldPanel("emc_url")], heading=_("Nhãn EMC")),
                    ],
                    heading=_("Chân trang"),
                ),
                ObjectList(
                    [
                        FieldPanel("languages"),
                        InlinePanel("translations", label=_("bản dịch"), heading=_("Bản dịch theo ngôn ngữ")),
                    ],
                    heading=_("Bản dịch"),
                ),
            ]
        )
    ]

    class Meta:
        verbose_name = _("cài đặt giao diện")
        verbose_name_plural = _("cài đặt giao diện")

    def __str__(self):
        return str(_("Giao diện của %(site)s")) % {"site": self.site}

    @property
    def language_codes(self) -> list[str]:
        """The portal's languages: Vietnamese first, then those it chose."""
        return [settings.LANGUAGE_CODE, *other_languages(self.languages)]

    def clean(self):
        super().clean()
        errors = {}
        if self.brand_colour and (error := contrast_error(self.brand_colour, WHITE, _("trắng"))):
            errors["brand_colour"] = error
        if self.accent_colour and (error := contrast_error(self.accent_colour, DARK_TEXT, _("đen"))):
            errors["accent_colour"] = error
        if self.emc_url and not self.emc_image_id:
            errors["emc_image"] = ValidationError(_("Có liên kết xác minh thì cần ảnh nhãn EMC."))
        if self.trust_url and not self.trust_image_id:
            errors["trust_image"] = ValidationError(_("Có liên kết xác minh thì cần ảnh nhãn Tín nhiệm mạng."))
        if errors:
            raise ValidationError(errors)


class ThemeTranslation(Orderable, TranslatableText):
    """The settings' text in another language; empty fields fall back to the main text."""

    settings = ParentalKey(ThemeSettings, on_delete=models.CASCADE, related_name="translations")
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("ngôn ngữ"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("locale"), *(FieldPanel(name) for name in TranslatableText.TEXT_FIELDS)]

    class Meta(Orderable.Meta):
        verbose_name = _("bản dịch")
        constraints = [models.UniqueConstraint(fields=["settings", "locale"], name="one_translation_per_locale")]

    def __str__(self):
        return f"{self.settings}: {self.locale}"


class HeaderLink(Orderable):
    """A link in the portal's header bar, e.g. «Dịch vụ công», «Hỏi đáp»."""

    settings = ParentalKey(ThemeSettings, on_delete=models.CASCADE, related_name="header_links")
    title = models.CharField(_("tên"), max_length=60)
    url = models.CharField(
        _("địa chỉ"),
        max_length=500,
        help_text=_("Đường dẫn trong cổng (bắt đầu bằng /) hoặc địa chỉ đầy đủ https://…"),
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("chỉ hiện với ngôn ngữ"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Bỏ trống để hiện ở mọi ngôn ngữ."),
    )

    panels = [FieldPanel("title"), FieldPanel("url"), FieldPanel("locale")]

    def clean(self):
        super().clean()
        url = (self.url or "").strip()
        if not (url.startswith("/") and not url.startswith("//")) and not url.startswith(("https://", "http://")):
            raise ValidationError({"url": _("Địa chỉ phải bắt đầu bằng / (trong cổng) hoặc https://.")})
        self.url = url
