"""sitemap.xml and robots.txt per portal, with the portal's own hostname in every URL
and hreflang links between a page and its translations."""

from django.http import HttpResponse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from core.languages import portal_languages
from tenants.registry import registry
from tenants.visibility import pages_of


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
