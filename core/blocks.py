"""The blocks that list pages (the latest news, the latest directives) and the stream
blocks that offer them: the home page's sections and the side column. They query page
models, so they sit with the page types (blocks/ holds the blocks that need no page).
Page models are looked up by name when a block renders: this module is imported while
core.models is still loading."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.models import Locale

from blocks.atoms import ParagraphBlock
from blocks.molecules import CalloutBlock, VideoBlock
from blocks.organisms import (
    GalleryBlock,
    SloganBannerBlock,
    VisitorStatsBlock,
    WebsiteLinksBlock,
    portal_choices,
)
from core.directive_lookup import visible_directives
from tenants.registry import registry
from tenants.visibility import pages_under


class LatestNewsBlock(blocks.StructBlock):
    """The newest articles of this portal, or of the portals the editor chooses."""

    heading = blocks.CharBlock(label=_("tiêu đề"), max_length=120, default=_("Tin mới"))
    count = blocks.IntegerBlock(label=_("số bài"), default=6, min_value=1, max_value=12)
    portals = blocks.MultipleChoiceBlock(
        label=_("lấy tin từ các cổng"),
        choices=portal_choices,
        required=False,
        help_text=_(
            "Bỏ trống để lấy tin của chính cổng này. Tin từ cổng khác cổng cấp trên và cấp dưới "
            "có thể chậm tới 15 phút."
        ),
    )

    def articles(self, value, context):
        ArticlePage = apps.get_model("core", "ArticlePage")
        tenant = context.get("tenant")
        if value.get("portals"):
            records = [registry.by_slug(slug) for slug in value["portals"]]
        else:
            records = [registry.by_id(tenant.id)] if tenant else []
        paths = [path for record in records if record is not None for path in record.root_paths]
        if not paths:
            return ArticlePage.objects.none()
        return (
            ArticlePage.objects.live()
            .public()
            .filter(pages_under(paths), locale=Locale.get_active())
            .select_related("featured_image")
            .order_by("-published_at", "-pk")[: value.get("count") or 6]
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["articles"] = self.articles(value, parent_context or {})
        return context

    class Meta:
        icon = "list-ul"
        label = _("Tin mới")
        template = "blocks/organisms/latest_news.html"


class LatestDirectivesBlock(blocks.StructBlock):
    """The newest directives of this portal and of the portals above it."""

    heading = blocks.CharBlock(label=_("tiêu đề"), max_length=120, default=_("Văn bản mới"))
    count = blocks.IntegerBlock(label=_("số văn bản"), default=5, min_value=1, max_value=12)

    def get_context(self, value, parent_context=None):
        DirectiveIndexPage = apps.get_model("core", "DirectiveIndexPage")
        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        home = (parent_context or {}).get("portal_home")
        if request is not None and getattr(request, "tenant", None) is not None:
            context["directives"] = (
                visible_directives(request).select_related("issuer").order_by("-issue_date", "-pk")[: value["count"]]
            )
        else:
            context["directives"] = []
        context["directive_index"] = DirectiveIndexPage.objects.live().child_of(home).first() if home else None
        return context

    class Meta:
        icon = "doc-full-inverse"
        label = _("Văn bản mới")
        template = "blocks/organisms/latest_directives.html"


class HomeSectionsBlock(blocks.StreamBlock):
    """The sections of a portal's home page, in the order editors arrange them."""

    latest_news = LatestNewsBlock()
    latest_directives = LatestDirectivesBlock()
    slogan_banner = SloganBannerBlock()
    callout = CalloutBlock()
    paragraph = ParagraphBlock()
    gallery = GalleryBlock()
    video = VideoBlock()
    website_links = WebsiteLinksBlock()
    visitor_stats = VisitorStatsBlock()

    class Meta:
        label = _("Các khối trang chủ")


class SidebarBlock(blocks.StreamBlock):
    """The side column shown on every page of a portal."""

    website_links = WebsiteLinksBlock()
    visitor_stats = VisitorStatsBlock()
    latest_directives = LatestDirectivesBlock()
    callout = CalloutBlock()

    class Meta:
        label = _("Cột bên")
