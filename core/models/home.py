from django.db import models
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from blocks.organisms import website_link_urls
from core.blocks import HomeSectionsBlock, SidebarBlock
from core.languages import offered

from .portal_page import PortalPage

# What a new portal's home page and side column hold until its editors change them.
DEFAULT_SECTIONS = [("latest_news", {}), ("latest_directives", {})]
DEFAULT_SIDEBAR = [("visitor_stats", None)]


class HomePage(RoutablePageMixin, PortalPage):
    """Trang chủ của một cổng thông tin. Mỗi cổng (tỉnh, huyện) có đúng một trang chủ,
    được tạo tự động khi tạo cổng; mọi trang khác của cổng nằm bên dưới nó.

    Its routes are below; the apps above core add their own (citizens.views: «Hỏi đáp»
    at /hoi-dap/)."""

    intro = RichTextField(
        _("giới thiệu"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Một đoạn ngắn giới thiệu cổng thông tin, hiện dưới tên cổng."),
    )

    body = StreamField(
        HomeSectionsBlock(),
        verbose_name=_("các khối trang chủ"),
        blank=True,
        default=DEFAULT_SECTIONS,
        help_text=_("Sắp xếp các khối của trang chủ: tin mới, văn bản mới, hộp thông báo, video…"),
    )
    sidebar = StreamField(
        SidebarBlock(),
        verbose_name=_("cột bên"),
        blank=True,
        default=DEFAULT_SIDEBAR,
        help_text=_("Hiện bên cạnh (hoặc dưới, trên điện thoại) mọi trang của cổng: liên kết website, thống kê…"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel([InlinePanel("featured", label=_("tin nổi bật"), max_num=5)], heading=_("Tin nổi bật")),
        FieldPanel("body"),
        FieldPanel("sidebar"),
    ]

    # The home page is created with its portal and sits at the top of the portal's tree.
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "core.NewsIndexPage",
        "core.DirectiveIndexPage",
        "core.OrganisationPage",
        "core.InformationSectionPage",
        "core.WorkCalendarPage",
        "core.GalleryIndexPage",
    ]

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def featured_articles(self):
        return [item.article for item in self.featured.select_related("article") if item.article.live]

    def route(self, request, path_components):
        """Find the page by its URL path in one query instead of one per tree level.

        Wagtail walks the tree a level at a time (two queries per level); an article
        three levels down costs six. The portal's home page (the start of every route)
        is also kept on the request, so templates need not look it up again.
        """
        if not offered(request, self):
            raise Http404  # not one of this portal's languages, or no home page in it
        request.portal_home = self
        if path_components:
            try:
                self.resolve_subpage("/" + "/".join(path_components) + "/")  # this page's own routes win
            except Http404:
                # The page itself, or a routable page one level up (e.g. /tin-tuc/rss/).
                for cut in (len(path_components), len(path_components) - 1):
                    if cut < 1:
                        break
                    page = _live_page_at(self.url_path + "".join(f"{c}/" for c in path_components[:cut]))
                    if page is not None:
                        return page.route(request, path_components[cut:])
        return super().route(request, path_components)

    @path("lien-ket/", name="website_link")
    def website_link(self, request):
        """Where the «Liên kết website» select sends readers (it works without
        JavaScript). Only addresses listed in this portal's boxes are followed."""
        url = request.GET.get("url", "")
        if url and url in website_link_urls(self.sidebar) | website_link_urls(self.body):
            return HttpResponseRedirect(url)
        return HttpResponseBadRequest(
            _("Liên kết này không có trong danh sách «Liên kết website» của cổng."),
            content_type="text/plain; charset=utf-8",
        )

    @path("so-do-trang/", name="html_sitemap")
    def html_sitemap(self, request):
        """The portal's sections as a page (Decree 42: a site map readers can use)."""
        sections = self.get_children().live().public().order_by("path")
        return self.render(request, context_overrides={"sections": sections}, template="core/html_sitemap.html")

    @path("tim-kiem/", name="search")
    def search(self, request):
        from core.site_search import search

        return self.render(request, context_overrides=search(request, self), template="core/search_results.html")


def _live_page_at(url_path):
    page = Page.objects.filter(url_path=url_path, live=True).only("id", "content_type_id").first()
    return page.specific if page is not None else None


class FeaturedArticle(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured")
    article = models.ForeignKey("core.ArticlePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("bài"))

    panels = [FieldPanel("article")]
