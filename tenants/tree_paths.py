"""`path__prefix_in`: tree nodes whose path starts with one of a set of prefixes.

Wagtail's pages and collections are materialised-path trees: a node lies under P
exactly when the first len(P) characters of its path are P. So any number of subtrees
whose roots share a depth is one condition, `SUBSTR(path, 1, n) IN (…)`, whose cost does
not grow with the number of portals the way OR-ing `path__startswith` per root does.

It is a lookup on the `path` column, not a filter on an expression, because Wagtail's
search (modelsearch) accepts only lookups on indexed fields: the explorer's, the
choosers' and the admin API's searches are filtered by these conditions.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import Lookup, Q


class PrefixIn(Lookup):
    lookup_name = "prefix_in"
    prepare_rhs = False

    def get_prep_lookup(self):
        prefixes = sorted(set(self.rhs))
        if len({len(prefix) for prefix in prefixes}) > 1:
            raise ValueError("prefix_in takes prefixes of one length (one tree depth)")
        return prefixes

    def as_sql(self, compiler, connection):
        if not self.rhs:
            raise EmptyResultSet
        lhs, params = self.process_lhs(compiler, connection)
        placeholders = ", ".join(["%s"] * len(self.rhs))
        return f"SUBSTR({lhs}, 1, {len(self.rhs[0])}) IN ({placeholders})", [*params, *self.rhs]


def register():
    from wagtail.models import Collection, Page

    for model in (Page, Collection):
        model._meta.get_field("path").register_lookup(PrefixIn)


def under_prefixes(prefixes, field: str = "path") -> Q:
    """Rows whose `field` (a tree path, possibly across a relation) starts with one of
    `prefixes`, all of one length."""
    return Q(**{f"{field}__prefix_in": list(prefixes)})
