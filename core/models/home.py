from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

LATEST_NEWS = 6
LATEST_DIRECTIVES = 5


class HomePage(RoutablePageMixin, Page):
    """Trang chủ của một cổng thông tin. Mỗi cổng (tỉnh, huyện) có đúng một trang chủ,
    được tạo tự động khi tạo cổng; mọi trang khác của cổng nằm bên dưới nó."""

    slogan = models.CharField(
        _("khẩu hiệu"),
        max_length=255,
        blank=True,
        help_text=_("Dòng chữ chạy trên băng rôn đầu trang, ví dụ khẩu hiệu hành động của Đảng bộ."),
    )
    intro = RichTextField(
        _("giới thiệu"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Một đoạn ngắn giới thiệu cổng thông tin, hiện dưới tên cổng."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("slogan"),
        FieldPanel("intro"),
        MultiFieldPanel([InlinePanel("featured", label=_("tin nổi bật"), max_num=5)], heading=_("Tin nổi bật")),
        MultiFieldPanel([InlinePanel("website_links", label=_("liên kết"))], heading=_("Liên kết website")),
    ]

    # The home page is created with its portal and sits at the top of the portal's tree.
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["core.NewsIndexPage", "core.DirectiveIndexPage", "core.OrganisationPage"]
    template = "core/home_page.html"

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def featured_articles(self):
        return [item.article for item in self.featured.select_related("article") if item.article.live]

    def latest_news(self):
        from .articles import ArticlePage

        return (
            ArticlePage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("featured_image")
            .order_by("-published_at", "-pk")[:LATEST_NEWS]
        )

    def latest_directives(self, request):
        from core.directive_lookup import visible_directives

        return visible_directives(request).select_related("issuer").order_by("-issue_date", "-pk")[:LATEST_DIRECTIVES]

    def directive_index(self):
        from .directives import DirectiveIndexPage

        return DirectiveIndexPage.objects.live().child_of(self).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_directives"] = self.latest_directives(request)
        context["directive_index"] = self.directive_index()
        return context

    def route(self, request, path_components):
        """Find the page by its URL path in one query instead of one per tree level.

        Wagtail walks the tree a level at a time (two queries per level); an article
        three levels down costs six. The portal's home page (the start of every route)
        is also kept on the request, so templates need not look it up again.
        """
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


class WebsiteLink(Orderable):
    """Một mục trong hộp «Liên kết website» (cổng của các cơ quan nhà nước khác)."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="website_links")
    title = models.CharField(_("tên website"), max_length=120)
    url = models.URLField(_("địa chỉ"), help_text=_("Ví dụ: https://lamdong.gov.vn"))

    panels = [FieldPanel("title"), FieldPanel("url")]
