"""The sections every portal starts with (Decree 42/2022/NĐ-CP, Art. 4), created with
the portal so that a new commune is complete on its first day: its editors fill them,
they never have to build the structure. Existing portals get the missing ones from
`manage.py ensure_sections`."""

from itertools import groupby

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.bulk import bulk_add_children
from core.models import (
    DirectiveIndexPage,
    GalleryIndexPage,
    HomePage,
    InformationSectionPage,
    NewsIndexPage,
    OrganisationPage,
    SectionKind,
    WorkCalendarPage,
)

# (slug, model, title, fields), in the order of the portal's menu.
REQUIRED = [
    ("tin-tuc", NewsIndexPage, _("Tin tức"), {"intro": _("Tin hoạt động, chỉ đạo, điều hành.")}),
    ("van-ban", DirectiveIndexPage, _("Văn bản"), {"intro": _("Tra cứu văn bản chỉ đạo, điều hành.")}),
    ("gioi-thieu", OrganisationPage, _("Giới thiệu và liên hệ"), {}),
    ("ke-hoach", InformationSectionPage, SectionKind.PLANS.label, {"kind": SectionKind.PLANS}),
    ("thu-tuc-hanh-chinh", InformationSectionPage, SectionKind.PROCEDURES.label, {"kind": SectionKind.PROCEDURES}),
    ("du-an-dau-thau", InformationSectionPage, SectionKind.PROJECTS.label, {"kind": SectionKind.PROJECTS}),
    ("ngan-sach", InformationSectionPage, SectionKind.BUDGET.label, {"kind": SectionKind.BUDGET}),
    ("pho-bien-phap-luat", InformationSectionPage, SectionKind.LAW.label, {"kind": SectionKind.LAW}),
    ("cong-khai-thong-tin", InformationSectionPage, SectionKind.DISCLOSURE.label, {"kind": SectionKind.DISCLOSURE}),
    ("lay-y-kien-du-thao", InformationSectionPage, SectionKind.DRAFTS.label, {"kind": SectionKind.DRAFTS}),
    ("lich-cong-tac", WorkCalendarPage, _("Lịch công tác"), {}),
    ("thu-vien-anh-video", GalleryIndexPage, _("Thư viện ảnh, video"), {}),
]


def missing_sections(home: HomePage) -> list[tuple]:
    """The REQUIRED entries this portal has no page for (by address)."""
    have = set(home.get_children().values_list("slug", flat=True))
    return [entry for entry in REQUIRED if entry[0] not in have]


def ensure_sections(home: HomePage) -> list[str]:
    """Create the sections this portal lacks, published, and say which (their slugs).

    Written in bulk (core.bulk: a few INSERTs per page type, no revision for an empty
    section; its editors' first save makes one): provisioning a portal stays cheap."""
    missing = missing_sections(home)
    # Titles are the portal's content, in its main language, whoever's admin is in English.
    with translation.override(settings.LANGUAGE_CODE):
        pages = [
            model(slug=slug, title=str(title), **{name: str(value) for name, value in fields.items()})
            for slug, model, title, fields in missing
        ]
    # One bulk insert per run of pages of the same type, in the menu's order.
    for _model, run in groupby(pages, key=type):
        bulk_add_children(home, list(run))
    return [page.slug for page in pages]
