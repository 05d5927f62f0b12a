"""The page types every portal shares; each portal has its own tree of them.

home          HomePage (one per portal), featured articles, website links
articles      ArticlePage (shared base), NewsArticlePage, related articles
news_index    NewsIndexPage: listing, category filter, RSS/Atom
categories    NewsCategory (a portal's own news sections)
directives    IssuingBody, DirectiveIndexPage (lookup), DirectivePage
supervision   SupervisionReportPage and who/what was supervised
organisation  OrganisationPage and official contacts
alerts        ProvinceAlert (an urgent notice on every portal of a province)
sections      the other sections Decree 42 requires: information sections and items,
              the weekly work calendar, photo and video albums
passkeys      Passkey: an official's WebAuthn keys, each bound to its portal's host
document_text DocumentText: the words of an attached file, for search
"""

from .alerts import ProvinceAlert
from .articles import ArticlePage, NewsArticlePage, RelatedArticle
from .categories import NewsCategory
from .directives import (
    DirectiveAttachment,
    DirectiveIndexPage,
    DirectivePage,
    DirectiveRelation,
    DirectiveReminder,
    DirectiveStatus,
    DocumentType,
    IssuingBody,
)
from .document_text import DocumentText
from .home import FeaturedArticle, HomePage
from .news_index import NewsIndexPage
from .organisation import OfficialContact, OrganisationPage, OrganisationUnit
from .passkeys import Passkey, PasskeyAttestation
from .sections import (
    DraftDocumentPage,
    GalleryIndexPage,
    GalleryPage,
    InformationAttachment,
    InformationItemPage,
    InformationSectionPage,
    SectionKind,
    WorkCalendarEntry,
    WorkCalendarPage,
    WorkWeekPage,
)
from .supervision import SupervisedDirective, SupervisionReportPage, SupervisionStatus, SupervisionSubject

__all__ = [
    "ArticlePage",
    "DirectiveAttachment",
    "DirectiveIndexPage",
    "DirectivePage",
    "DirectiveRelation",
    "DirectiveReminder",
    "DirectiveStatus",
    "DocumentText",
    "DocumentType",
    "DraftDocumentPage",
    "FeaturedArticle",
    "GalleryIndexPage",
    "GalleryPage",
    "HomePage",
    "InformationAttachment",
    "InformationItemPage",
    "InformationSectionPage",
    "IssuingBody",
    "NewsArticlePage",
    "NewsCategory",
    "NewsIndexPage",
    "OfficialContact",
    "OrganisationPage",
    "OrganisationUnit",
    "Passkey",
    "PasskeyAttestation",
    "ProvinceAlert",
    "RelatedArticle",
    "SectionKind",
    "SupervisedDirective",
    "SupervisionReportPage",
    "SupervisionStatus",
    "SupervisionSubject",
    "WorkCalendarEntry",
    "WorkCalendarPage",
    "WorkWeekPage",
]
