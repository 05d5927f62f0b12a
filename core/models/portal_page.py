"""PortalPage: what every page type of a portal has in common, written once.

- `portal`: the portal whose tree holds the page (tenants.visibility, from tree paths
  the registry already knows: no query).
- the sitemap entry of a page with a date of its own (`own_date_field`: an article's
  publication, a document's issue date): that date as lastmod while the page is
  unedited since it was brought over, and its translations as hreflang alternates.
- derived fields (a folded search text, a sortable number) refreshed on every save,
  draft or publish alike, by `refresh_derived_fields`.
- `children_listed`: the live, public children of one type, for a section's listing.

The template is Wagtail's default, "core/<page_type>.html" (e.g. core/gallery_page.html):
themes override that path. A new page type subclasses this (docs/adding-a-component.md).
"""

from wagtail.models import Page

from core.sitemaps import dated_sitemap_urls
from tenants.visibility import tenant_of_page

from .document_text import attached_words


class PortalPage(Page):
    # The name of the page's own date field (sitemap lastmod), or None.
    own_date_field: str | None = None

    class Meta:
        abstract = True

    @property
    def portal(self):
        """The portal's record (tenants.registry.TenantRecord), None for a page outside
        every portal."""
        return tenant_of_page(self) if self.path else None

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if self.own_date_field is None:
            return urls
        return dated_sitemap_urls(self, urls, getattr(self, self.own_date_field), request)

    def refresh_derived_fields(self):
        """Fields computed from the others; none unless a page type says so."""

    def save(self, *args, **kwargs):
        self.refresh_derived_fields()
        return super().save(*args, **kwargs)

    def children_listed(self, page_type, *order_by):
        return page_type.objects.live().public().child_of(self).order_by(*order_by)

    def folded_with_attachments(self, own: str) -> str:
        """A search text: `own` (already folded) and the words read from the files the
        page attaches (core.document_text re-folds the page when a file's words arrive)."""
        return " ".join([own, *attached_words(self)])
