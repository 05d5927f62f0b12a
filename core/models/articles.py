"""Articles citizens read: news, and supervision reports (which read like news with a
formal record attached). Both share ArticlePage, so one listing orders them together."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from blocks.stream import ArticleBodyBlock
from core.text import fold

from .portal_page import PortalPage

RELATED_LIMIT = 5


class ArticlePage(PortalPage):
    """Phần chung của mọi bài viết: sapo, ảnh đại diện, thời gian đăng, nội dung."""

    lead = models.TextField(
        _("sapo"),
        blank=True,
        max_length=1000,
        help_text=_("Một hai câu tóm tắt, hiện dưới tiêu đề và trong danh sách tin."),
    )
    featured_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(
        _("thời gian đăng"),
        default=timezone.now,
        db_index=True,
        help_text=_("Hiện dưới tiêu đề, ví dụ 14/09/2023 11:02 SA. Sửa khi chuyển bài từ cổng cũ sang."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("nội dung"), blank=True)
    categories = ParentalManyToManyField("core.NewsCategory", verbose_name=_("chuyên mục"), blank=True)

    # Reused by subclasses: the fields every article editor sees first.
    article_panels = [
        FieldPanel("lead"),
        FieldPanel("featured_image"),
        FieldPanel("published_at"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("folded_text"),
        index.FilterField("published_at"),
    ]
    is_creatable = False
    own_date_field = "published_at"

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")

    def folded_text(self):
        """Title, lead and text without diacritics, so 'giam sat' finds 'giám sát'."""
        parts = [self.title, self.lead]
        for block in self.body:
            if block.block_type == "paragraph":
                parts.append(block.value.source)
            elif block.block_type in ("image", "quote"):
                parts.extend(str(v) for k, v in block.value.items() if k != "image")
        return fold(" ".join(p for p in parts if p))

    def clean(self):
        super().clean()
        if not self.path:
            return  # a new page: its portal is checked by the category chooser's queryset
        portal = self.portal
        foreign = [c for c in self.categories.all() if portal and c.tenant_id != portal.id]
        if foreign:
            raise ValidationError(
                {"categories": _("Chỉ chọn chuyên mục của cổng này: %s") % ", ".join(map(str, foreign))}
            )

    def related_articles(self):
        """Chosen related articles first; otherwise the latest of the same categories."""
        chosen = [link.article for link in self.related_links.select_related("article") if link.article.live]
        if chosen:
            return chosen[:RELATED_LIMIT]
        return list(
            ArticlePage.objects.live()
            .public()
            .sibling_of(self, inclusive=False)
            .filter(categories__in=self.categories.all())
            .distinct()
            .order_by("-published_at")[:RELATED_LIMIT]
        )


class RelatedArticle(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    article = models.ForeignKey(
        ArticlePage, verbose_name=_("bài liên quan"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("article")]


class NewsArticlePage(ArticlePage):
    """Tin bài: tiêu đề, sapo, ảnh đại diện, nội dung có ảnh chú thích, chuyên mục,
    tin liên quan. Có nút «In trang» và số lượt xem."""

    content_panels = [
        *Page.content_panels,
        *ArticlePage.article_panels,
        FieldPanel("categories"),
        MultiFieldPanel([InlinePanel("related_links", label=_("bài liên quan"))], heading=_("Tin liên quan")),
    ]
    parent_page_types = ["core.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")
