"""Which addresses a cache in front must drop for each change: the pages our page cache
makes stale or purges (core.page_cache.invalidation), named one by one.

Our page cache invalidates a whole portal with one generation bump; a cache in front
is purged by address, so only the pages that show the change are named, a bounded
list at province scale (200+ portals of hundreds of pages each):

- a page published, unpublished, deleted or made private: the page in each of its
  languages, the page it is listed on (its parent: a news or directive index), its
  portal's home pages; and the listings of the other portals the page cache
  invalidates for it (portals_showing): the homes whose latest-news box shows an
  article (embedding_news_of), the directive pages a supervision report reports on,
  and the directive lookup page of each portal that lists a directive (a district's
  shows its province's);
- a page moved: the same for its old and its new address and both parents;
- a portal-wide change (the portal's record or site, its settings or theme, its
  categories or issuing bodies, an alert): the portal's home pages;
- a picture or document changed: the pages that use it (Wagtail's reference index)
  and the homes of the portals that own it.

Other pages of those portals are left to expire (FRONTEND_CACHE_MAX_AGE). Each address
is named for https and for http: the front cache keeps the two apart, as the app
renders them apart.
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Page

from tenants.registry import registry
from tenants.visibility import pages_of

SCHEMES = ("https", "http")
MAX_REFERENCING_PAGES = 200


def absolute(host: str, path: str) -> set[str]:
    return {f"{scheme}://{host}{path}" for scheme in SCHEMES}


def addresses(pages) -> set[str]:
    found = set()
    for page in pages:
        _site_id, root_url, path = page.get_url_parts() or (None, None, None)
        if root_url is not None:
            found |= absolute(urlsplit(root_url).hostname, path)
    return found


def homes(tenant_ids) -> set[str]:
    """A portal's home in each of its languages: / for Vietnamese, /en/ and so on."""
    found = set()
    for tenant_id in tenant_ids:
        record = registry.by_id(tenant_id)
        for _path, language in record.home_languages if record is not None else ():
            found |= absolute(record.hostname, "/" if language == settings.LANGUAGE_CODE else f"/{language}/")
    return found


def with_translations(page) -> list:
    return [page, *page.get_translations().live()] if page.pk else [page]


def parents_of(pages) -> list:
    paths = {page.path[: -page.steplen] for page in pages if page.depth > 2}
    return list(Page.objects.filter(path__in=paths)) if paths else []


def for_page(page, record, showing: set[int]) -> set[str]:
    """`showing`: the portals the page cache invalidates for this page (portals_showing)."""
    from core.models import ArticlePage, DirectiveIndexPage, DirectivePage, SupervisionReportPage

    from .invalidation import embedding_news_of

    pages = with_translations(page)
    found = addresses(pages) | addresses(parents_of(pages)) | homes([record.id])
    kind = page.specific_class or type(page)
    if issubclass(kind, ArticlePage):
        found |= homes(embedding_news_of(record) & showing)
    if issubclass(kind, SupervisionReportPage) and page.pk:
        found |= addresses(DirectivePage.objects.live().filter(supervision_links__page_id=page.pk).distinct())
    if issubclass(kind, (DirectivePage, DirectiveIndexPage)):
        records = [r for r in map(registry.by_id, showing) if r is not None]
        found |= addresses(DirectiveIndexPage.objects.live().filter(pages_of(*records))) if records else set()
    return found


def for_move(page, url_path_before: str, parents) -> set[str]:
    """The moved page at its new and its old address, and both listings."""
    before = Page(id=page.id, path=page.path, depth=page.depth, url_path=url_path_before, locale_id=page.locale_id)
    return addresses([page, before, *parents])


def for_media(instance, tenant_ids) -> set[str]:
    from wagtail.models import ReferenceIndex

    page_ids = (
        ReferenceIndex.get_references_to(instance)
        .filter(base_content_type__app_label="wagtailcore", base_content_type__model="page")
        .values_list("object_id", flat=True)
        .distinct()[:MAX_REFERENCING_PAGES]
    )
    return addresses(Page.objects.live().filter(id__in=[int(i) for i in page_ids])) | homes(tenant_ids)
