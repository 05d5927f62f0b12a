"""The demo's English version: each portal's home and organisation page translated
through wagtail-localize's own workflow (a translation source, a translation, the
strings translated one by one, then published), as a translator would in the admin.
Strings with no English here (names of places and people) stay as they are."""

import re

from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from core.models import HomePage, OrganisationPage

INTROS = {
    "lamdong": "The portal of the Party Committee, People's Council and People's Committee of Lâm Đồng province: "
    "news, direction and documents of the province.",
    "dateh": "The portal of Đạ Tẻh district: news, directives and the District Party Committee's supervision.",
    "cattien": "The portal of Cát Tiên district: news, documents and the work of the district's offices.",
    "dahuoai": "The portal of Đạ Huoai district: news, documents and the work of the district's offices.",
}
EXACT = {
    "Giới thiệu và liên hệ": "About us and contacts",
    "Liên kết website": "Websites",
    "Cổng Dịch vụ công quốc gia": "National Public Service Portal",
    "Cổng TTĐT Chính phủ": "Government portal",
    "Cổng thông tin điện tử tỉnh Lâm Đồng": "Lâm Đồng province portal",
    "Văn phòng cấp ủy": "Office of the Party Committee",
    "Đầu mối tiếp nhận thông tin": "Point of contact for information",
    "Tin mới": "Latest news",
    "Văn bản mới": "Latest documents",
    # Leaders' positions and the units (their contacts are translated with the page).
    "Bí thư Tỉnh ủy": "Secretary of the Provincial Party Committee",
    "Chủ tịch Ủy ban nhân dân tỉnh": "Chair of the Provincial People's Committee",
    "Chánh Văn phòng Tỉnh ủy": "Chief of Office, Provincial Party Committee",
    "Bí thư Huyện ủy": "Secretary of the District Party Committee",
    "Chủ tịch Ủy ban nhân dân huyện": "Chair of the District People's Committee",
    "Chánh Văn phòng Huyện ủy": "Chief of Office, District Party Committee",
    "Văn phòng": "Office",
    "Ban Tổ chức": "Organisation Commission",
    "Ủy ban Kiểm tra": "Inspection Commission",
    "Chánh Văn phòng": "Chief of Office",
    "Trưởng ban": "Head",
    "Chủ nhiệm": "Chair",
}
PATTERNS = [
    (
        re.compile(r"^Cổng thông tin điện tử (.+) do Văn phòng cấp ủy quản lý\.$"),
        r"The \1 portal is run by the Office of the Party Committee.",
    ),
    (re.compile(r"^Trung tâm hành chính (.+), tỉnh Lâm Đồng$"), r"Administrative Centre, \1, Lâm Đồng province"),
    (re.compile(r"^Trung tâm hành chính ([^,]+)$"), r"Administrative Centre, \1"),
    (
        re.compile(r"^Lãnh đạo, chỉ đạo toàn diện các mặt công tác trên địa bàn (.+?); .*$"),
        r"Leads and directs all work in \1; decides how the resolutions and directives of higher levels "
        r"are carried out; inspects and supervises their implementation.",
    ),
    (
        re.compile(r"^Gồm Ban Chấp hành, .* Cổng thông tin điện tử (.+) do Văn phòng quản lý\.$"),
        r"The Executive Committee, its Standing Board and Standing Members, and the advisory bodies: the Office, "
        r"the Organisation Commission and the Inspection Commission. The \1 portal is run by the Office.",
    ),
]


def english_for(text: str, intro: str) -> str | None:
    if text in EXACT:
        return EXACT[text]
    for pattern, replacement in PATTERNS:
        if pattern.match(text):
            return pattern.sub(replacement, text)
    return intro if text.startswith("Cổng thông tin điện tử") and text.endswith(".") and ":" in text else None


def translate_into_english(page, intro: str):
    """Translate one page through wagtail-localize and publish the English version."""
    english = Locale.objects.get(language_code="en")
    if page.get_translations().filter(locale=english).exists():
        return
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=english)
    for segment in source.stringsegment_set.select_related("string", "context"):
        text = english_for(segment.string.data, intro)
        if text is not None:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=english,
                context=segment.context,
                defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
    translation.save_target(publish=True)


def translate_portal(tenant):
    """The home page first (wagtail-localize needs the parent translated), then the
    organisation and contacts page."""
    home = HomePage.objects.get(pk=tenant.site.root_page_id)  # fresh: the tenant's copy predates its content
    intro = INTROS.get(tenant.slug, "")
    translate_into_english(home, intro)
    organisation = OrganisationPage.objects.child_of(home).first()
    if organisation is not None:
        translate_into_english(organisation, intro)
