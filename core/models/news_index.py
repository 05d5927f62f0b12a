from django.db import models
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from core.feeds import article_feed
from core.listing import paginate

from .articles import ArticlePage
from .categories import NewsCategory
from .portal_page import PortalPage

CATEGORY_PARAM = "chuyen-muc"


class NewsIndexPage(RoutablePageMixin, PortalPage):
    """Trang danh sách tin tức của cổng: tin mới nhất trước, lọc theo chuyên mục,
    phân trang, và nguồn tin RSS/Atom cho các cổng và ứng dụng khác."""

    intro = models.TextField(_lazy("giới thiệu"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["core.NewsArticlePage", "core.SupervisionReportPage"]

    class Meta:
        verbose_name = _lazy("trang tin tức")
        verbose_name_plural = _lazy("trang tin tức")

    def articles(self):
        return (
            ArticlePage.objects.live()
            .public()
            .child_of(self)
            .select_related("featured_image")
            .order_by("-published_at", "-pk")
        )

    @path("")
    def listing(self, request):
        articles = self.articles()
        messages, category = [], None
        slug = request.GET.get(CATEGORY_PARAM, "").strip()[:120]
        categories = list(NewsCategory.objects.filter(tenant_id=getattr(request, "tenant", None) and request.tenant.id))
        if slug:
            category = next((c for c in categories if c.slug == slug), None)
            if category is None:
                messages.append(_("Không có chuyên mục “%(slug)s”; đang hiện mọi tin.") % {"slug": slug})
            else:
                articles = articles.filter(categories=category)
        page, page_message = paginate(articles, request.GET.get("page"))
        if page_message:
            messages.append(page_message)
        return self.render(
            request,
            context_overrides={
                "articles": page,
                "categories": categories,
                "category": category,
                "messages_for_reader": messages,
                "category_param": CATEGORY_PARAM,
            },
        )

    @path("rss/")
    def rss(self, request):
        return self._feed(request, "rss")

    @path("atom/")
    def atom(self, request):
        return self._feed(request, "atom")

    def _feed(self, request, kind):
        feed = article_feed(self, request, self.articles()[:30], kind)
        response = HttpResponse(content_type=f"{feed.content_type}")
        feed.write(response, "utf-8")
        return response
