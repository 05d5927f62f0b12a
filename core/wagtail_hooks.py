from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from tenants.snippets import TenantOwnedSnippetViewSet

from .models import IssuingBody, NewsCategory


class NewsCategoryViewSet(TenantOwnedSnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("Chuyên mục tin")
    list_display = ["name", "slug", "tenant"]
    search_fields = ["name"]


class IssuingBodyViewSet(TenantOwnedSnippetViewSet):
    model = IssuingBody
    icon = "group"
    menu_label = _("Cơ quan ban hành")
    list_display = ["name", "symbol", "tenant"]
    search_fields = ["name", "symbol"]


register_snippet(NewsCategoryViewSet)
register_snippet(IssuingBodyViewSet)
