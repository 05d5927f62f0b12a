"""A page's sites found by its URL path, not by comparing it with every site.

Wagtail finds the sites a page belongs to (to build its URL) by testing its url_path
against the root path of every site: 201 comparisons per URL at 200 portals, and the
explorer builds a few URLs per row (0.3 ms per URL, growing with the portals). A site
root path is a prefix of the page's url_path ending at a "/", so looking up each of
the page's few prefixes in a dictionary finds the same sites, in the same order.

**One list per request.** Wagtail keeps the list of site root paths in the shared cache
and copies it onto the request it is given, or else onto the page itself: `page.url`
(the explorer's "View live" button, on every row) has no request, so each row fetched
and unpickled the whole list from Redis again, 201 entries (402 with the English
homes) at 200 portals: a third of the explorer's time. Within a request the list is
now fetched once, onto a holder that lives as long as the request
(`one_list_per_request`, from tenants.middleware), and emptied when Wagtail clears
its cache (a site or a home's URL changed during the request).
"""

from contextlib import contextmanager
from contextvars import ContextVar

INDEX_ATTR = "_tenants_site_root_path_index"


class _RequestHolder:
    """What Wagtail caches on a request or page (its site root paths), for the request."""


_request_holder: ContextVar = ContextVar("tenants_site_root_paths_holder", default=None)


@contextmanager
def one_list_per_request():
    token = _request_holder.set(_RequestHolder())
    try:
        yield
    finally:
        _request_holder.reset(token)


def _forget_for_this_request():
    holder = _request_holder.get()
    if holder is not None:
        holder.__dict__.clear()


def _index(paths) -> dict | None:
    """{root path: [(position, site root path)]}, or None if a root path does not end
    in "/" (Wagtail never makes one): then Wagtail's own comparison is used."""
    by_root = {}
    for position, site_root in enumerate(paths):
        if not site_root.root_path.endswith("/"):
            return None
        by_root.setdefault(site_root.root_path, []).append((position, site_root))
    return by_root


def _prefixes(url_path: str):
    """The prefixes of a path that end in "/": "/a/b/" gives "/", "/a/", "/a/b/"."""
    end = url_path.find("/")
    while end != -1:
        yield url_path[: end + 1]
        end = url_path.find("/", end + 1)


def relevant_site_root_paths(page, paths, holder):
    """The entries of `paths` (Wagtail's site root paths, cached on `holder`) whose root
    path starts page.url_path; the index is kept on the holder beside the list."""
    cached = getattr(holder, INDEX_ATTR, None)
    if cached is None or cached[0] is not paths:
        cached = (paths, _index(paths))
        setattr(holder, INDEX_ATTR, cached)
    by_root = cached[1]
    if by_root is None:
        return None
    found = [entry for prefix in _prefixes(page.url_path or "") for entry in by_root.get(prefix, ())]
    return tuple(site_root for _position, site_root in sorted(found, key=lambda entry: entry[0]))


def install():
    from wagtail.models import Page, Site

    original = Page._get_relevant_site_root_paths
    original_paths = Page._get_site_root_paths
    original_clear = Site.clear_site_root_paths_cache

    def _get_site_root_paths(self, cache_object=None, **kwargs):
        if not cache_object and not kwargs:
            cache_object = _request_holder.get()  # None outside a request: Wagtail's own
        return original_paths(self, cache_object, **kwargs)

    def _get_relevant_site_root_paths(self, cache_object=None):
        cache_object = cache_object or _request_holder.get()
        holder = cache_object if cache_object else self
        paths = self._get_site_root_paths(cache_object)
        found = relevant_site_root_paths(self, paths, holder)
        return original(self, cache_object) if found is None else found

    def clear_site_root_paths_cache():
        original_clear()
        _forget_for_this_request()

    Page._get_site_root_paths = _get_site_root_paths
    Page._get_relevant_site_root_paths = _get_relevant_site_root_paths
    Site.clear_site_root_paths_cache = staticmethod(clear_site_root_paths_cache)
