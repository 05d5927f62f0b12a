"""Tags are shared by every portal in taggit's tables, and Wagtail lists them (popular
tags, tag filters, tag autocomplete) across all images and documents. These versions
only list tags used on the current admin user's own portals' media."""

from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.http import JsonResponse
from taggit.models import Tag, TaggedItem
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .visibility import scope_for

AUTOCOMPLETE_LIMIT = 10
admin_user: ContextVar = ContextVar("tenants_admin_user", default=None)


def _items_visible_to(user, models):
    """Tagged items on media in the user's portals' collections (and their children)."""
    scope = scope_for(user)
    items = TaggedItem.objects.filter(content_type__in=[ContentType.objects.get_for_model(m) for m in models])
    if scope.everything:
        return items
    object_ids = []
    for model in models:
        object_ids += list(model.objects.filter(collection_id__in=scope.own_collections).values_list("pk", flat=True))
    return items.filter(object_id__in=object_ids)


def popular_tags_for_model(model, count=10):
    """Drop-in for wagtail.admin.models.popular_tags_for_model, scoped to the user."""
    user = admin_user.get()
    content_type = ContentType.objects.get_for_model(model)
    items = (
        _items_visible_to(user, [model]) if user is not None else TaggedItem.objects.filter(content_type=content_type)
    )
    return (
        Tag.objects.filter(taggit_taggeditem_items__in=items)
        .annotate(item_count=Count("taggit_taggeditem_items"))
        .order_by("-item_count")[:count]
    )


def autocomplete(request, app_name=None, model_name=None):
    """Drop-in for Wagtail's tag autocomplete, scoped to the user's portals."""
    term = request.GET.get("term", "")
    if not term:
        return JsonResponse([], safe=False)
    items = _items_visible_to(request.user, [get_image_model(), get_document_model()])
    names = (
        Tag.objects.filter(name__istartswith=term, taggit_taggeditem_items__in=items)
        .distinct()
        .order_by("name")
        .values_list("name", flat=True)[:AUTOCOMPLETE_LIMIT]
    )
    return JsonResponse(list(names), safe=False)


def install():
    """Point Wagtail's listings at the scoped popular tags (called from apps.ready)."""
    import wagtail.admin.filters
    import wagtail.images.views.chooser

    wagtail.admin.filters.popular_tags_for_model = popular_tags_for_model
    wagtail.images.views.chooser.popular_tags_for_model = popular_tags_for_model
