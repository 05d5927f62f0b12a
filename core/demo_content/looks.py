"""Each demo portal's look: the four portals must look visibly different, the way
four real portals of one province would."""

from wagtail.models import Locale

from themes.models import HeaderLink, ThemeSettings, ThemeTranslation

from . import fixture_article

LOOKS = {
    "lamdong": {
        "theme": "classic",
        "phone": "0263 3822 207",
        "responsible": "Ông Trần Văn Hiệp, Chánh Văn phòng Tỉnh ủy",
    },
    "dateh": {
        "theme": "classic",
        "brand_colour": "#8e1b10",
        "accent_colour": "#ffd54f",
        "phone": "0263 3880 123",
        "responsible": "Ông Nguyễn Văn Dũng, Chánh Văn phòng Huyện ủy",
    },
    "cattien": {
        "theme": "modern",
        "brand_colour": "#0b5394",
        "accent_colour": "#ffd966",
        "phone": "0263 3885 246",
        "responsible": "Bà Lê Thị Hồng, Chánh Văn phòng Huyện ủy",
    },
    "dahuoai": {
        "theme": "contrast",
        "phone": "0263 3874 318",
        "responsible": "Ông Phạm Minh Tuấn, Chánh Văn phòng Huyện ủy",
    },
}
HEADER_LINKS = [("Giới thiệu", "/gioi-thieu/"), ("Tin tức", "/tin-tuc/"), ("Văn bản", "/van-ban/")]
ENGLISH_SLOGAN = "Lâm Đồng: Party, people and government together for a green, digital, prosperous province"


def apply_look(tenant, banner=None):
    """The portal's theme settings, filled in if its moderators never saved them."""
    settings, _ = ThemeSettings.objects.get_or_create(site_id=tenant.site_id)
    if settings.slogan:
        return settings
    look = LOOKS.get(tenant.slug, {"theme": "classic"})
    settings.theme = look["theme"]
    settings.brand_colour = look.get("brand_colour", "")
    settings.accent_colour = look.get("accent_colour", "")
    settings.slogan = fixture_article()["slogan"]
    settings.banner_image = banner
    settings.footer_address = f"Trung tâm hành chính {tenant.name}, tỉnh Lâm Đồng"
    settings.footer_phone = look.get("phone", "0263 3822 000")
    settings.responsible_person = look.get("responsible", "")
    settings.footer_email = f"vanphong@{tenant.slug}.example.invalid"
    settings.licence_line = (
        f"Cơ quan chủ quản: Văn phòng cấp ủy {tenant.name}. Giấy phép thiết lập trang thông tin điện tử "
        "số 01/GP-STTTT (bản trình diễn)."
    )
    settings.full_clean()
    settings.save()
    for order, (title, url) in enumerate(HEADER_LINKS):
        HeaderLink.objects.create(settings=settings, title=title, url=url, sort_order=order)
    english = Locale.objects.filter(language_code="en").first()
    if tenant.level == "province" and english is not None:
        ThemeTranslation.objects.create(settings=settings, locale=english, slogan=ENGLISH_SLOGAN)
    return settings
