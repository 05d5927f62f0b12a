"""sitemap.xml and robots.txt per portal, with the portal's own hostname in every URL
and hreflang links between a page and its translations."""

from datetime import date, datetime, time, timedelta

from django.http import HttpResponse
from django.utils import timezone
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from core.languages import portal_languages
from tenants.registry import registry
from tenants.visibility import pages_of

# A page published and never republished within this of its creation counts as unedited.
UNEDITED_WITHIN = timedelta(minutes=5)


def content_lastmod(page, own_date):
    """When the page's content last changed. An article or document brought over from an
    old portal carries its own date (`own_date`: published_at, issue_date) but was
    published here on the day of the move; until someone edits it, its own date is the
    truth, not the day it was copied."""
    changed = page.last_published_at or page.latest_revision_created_at
    if isinstance(own_date, date) and not isinstance(own_date, datetime):
        own_date = timezone.make_aware(datetime.combine(own_date, time()))
    first = page.first_published_at
    unedited = first is not None and changed is not None and changed - first <= UNEDITED_WITHIN
    if own_date is not None and unedited and own_date < changed:
        return own_date
    return changed


def dated_sitemap_urls(page, urls, own_date, request):
    """A dated page's sitemap entries: its true lastmod and its translations."""
    for url in urls:
        url["lastmod"] = content_lastmod(page, own_date)
    return with_hreflang(page, urls, request)


def with_hreflang(page, urls, request):
    """Add the translations of `page` as alternates (hreflang) to its sitemap entry."""
    codes = portal_languages(request)
    translations = [
        t
        for t in page.get_translations(inclusive=True).live().select_related("locale")
        if t.locale.language_code in codes
    ]
    if len(translations) < 2:
        return urls
    alternates = [{"lang_code": t.locale.language_code, "location": t.get_full_url(request)} for t in translations]
    for url in urls:
        url["alternates"] = alternates
    return urls


class PortalSitemap(Sitemap):
    """Every live page of the requesting portal, in each of its languages, nothing else."""

    def items(self):
        pages = Page.objects.filter(pages_of(registry.by_id(self.request.tenant.id)))
        pages = pages.filter(locale__language_code__in=portal_languages(self.request))
        return pages.live().public().order_by("path").defer_streamfields().specific()


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": PortalSitemap(request)})


def robots_txt(request):
    root = request.tenant.site.root_url
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /*?*page=", f"Sitemap: {root}/sitemap.xml", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
