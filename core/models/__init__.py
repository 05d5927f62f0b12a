"""The page types every portal shares; each portal has its own tree of them.

home          HomePage (one per portal), featured articles, website links
articles      ArticlePage (shared base), NewsArticlePage, related articles
news_index    NewsIndexPage: listing, category filter, RSS/Atom
categories    NewsCategory (a portal's own news sections)
directives    IssuingBody, DirectiveIndexPage (lookup), DirectivePage
supervision   SupervisionReportPage and who/what was supervised
organisation  OrganisationPage and official contacts
alerts        ProvinceAlert (an urgent notice on every portal of a province)
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
from .home import FeaturedArticle, HomePage
from .news_index import NewsIndexPage
from .organisation import OfficialContact, OrganisationPage
from .supervision import SupervisedDirective, SupervisionReportPage, SupervisionStatus, SupervisionSubject

__all__ = [
    "ArticlePage",
    "DirectiveAttachment",
    "DirectiveIndexPage",
    "DirectivePage",
    "DirectiveRelation",
    "DirectiveReminder",
    "DirectiveStatus",
    "DocumentType",
    "FeaturedArticle",
    "HomePage",
    "IssuingBody",
    "NewsArticlePage",
    "NewsCategory",
    "NewsIndexPage",
    "OfficialContact",
    "OrganisationPage",
    "ProvinceAlert",
    "RelatedArticle",
    "SupervisedDirective",
    "SupervisionReportPage",
    "SupervisionStatus",
    "SupervisionSubject",
]
