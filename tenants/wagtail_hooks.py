"""Admin listings filtered to the user's portals (tenants.scoping): the page explorer
and chooser, image and document tags. Lookups by id are guarded by
tenants.admin_guard."""

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail import hooks

from .scoping import readable_root_paths


def _within_readable_portals(pages, request):
    paths = readable_root_paths(request.user)
    if paths is None:
        return pages
    # The tree root (depth 1) stays: it is where browsing starts, and holds no content.
    in_portals = reduce(or_, (Q(path__startswith=p) for p in paths), Q(depth=1))
    return pages.filter(in_portals)


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):
    return _within_readable_portals(pages, request)


@hooks.register("construct_explorer_page_queryset")
def scope_explorer(parent_page, pages, request):
    return _within_readable_portals(pages, request)
