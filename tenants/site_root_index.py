"""A page's sites found by its URL path, not by comparing it with every site.

Wagtail finds the sites a page belongs to (to build its URL) by testing its url_path
against the root path of every site: 201 comparisons per URL at 200 portals, and the
explorer builds a few URLs per row (0.3 ms per URL, growing with the portals). A site
root path is a prefix of the page's url_path ending at a "/", so looking up each of
the page's few prefixes in a dictionary finds the same sites, in the same order.
"""

INDEX_ATTR = "_tenants_site_root_path_index"


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
    from wagtail.models import Page

    original = Page._get_relevant_site_root_paths

    def _get_relevant_site_root_paths(self, cache_object=None):
        holder = cache_object if cache_object else self
        paths = self._get_site_root_paths(cache_object)
        found = relevant_site_root_paths(self, paths, holder)
        return original(self, cache_object) if found is None else found

    Page._get_relevant_site_root_paths = _get_relevant_site_root_paths
