"""A user's page and collection permission rows, read as plain values.

Wagtail loads them as model instances, each with its whole Page (or Collection) and
Permission joined in, and caches them on the user for the request. A provincial admin
holds five page permissions and eight collection permissions per portal: at 200 portals
that is 1,005 + 1,608 rows, about 7,800 model instances built on every admin request
(0.3-0.7 s) before the view does anything.

Everything that reads these rows (Wagtail's page and collection permission policies,
its page permission tester, its parent chooser, tenants.scale_fixes) only needs where
the object sits in the tree (pk, path, depth) and the permission's codename. So the rows
are read with one `values_list` into small frozen objects that offer exactly that: the
same rows and the same answers, at the price of one tuple per row.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TreeNode:
    """A page or collection as the permission checks see it: its place in the tree."""

    pk: int
    path: str
    depth: int

    @property
    def id(self) -> int:
        return self.pk

    def is_descendant_of(self, node) -> bool:  # treebeard's MP_Node.is_descendant_of
        return self.path.startswith(node.path) and self.depth > node.depth


@dataclass(frozen=True, slots=True)
class PermissionName:
    codename: str


@dataclass(frozen=True, slots=True)
class PagePermissionRow:
    """A GroupPagePermission, for reading: `page` and `permission` as above."""

    pk: int
    group_id: int
    page: TreeNode
    permission: PermissionName

    @property
    def page_id(self) -> int:
        return self.page.pk


@dataclass(frozen=True, slots=True)
class CollectionPermissionRow:
    """A GroupCollectionPermission, for reading."""

    pk: int
    group_id: int
    collection: TreeNode
    permission: PermissionName

    @property
    def collection_id(self) -> int:
        return self.collection.pk


def _rows(model, tree_field: str, row_class, user) -> list:
    values = model.objects.filter(group__user=user).values_list(
        "pk", "group_id", f"{tree_field}_id", f"{tree_field}__path", f"{tree_field}__depth", "permission__codename"
    )
    names: dict[str, PermissionName] = {}
    return [
        row_class(pk, group_id, TreeNode(node_id, path, depth), names.setdefault(codename, PermissionName(codename)))
        for pk, group_id, node_id, path, depth, codename in values
    ]


def install():
    from wagtail.models import GroupCollectionPermission, GroupPagePermission
    from wagtail.permission_policies.collections import CollectionPermissionLookupMixin
    from wagtail.permission_policies.pages import PagePermissionPolicy

    page_rows = PagePermissionPolicy.get_all_permissions_for_user
    collection_rows = CollectionPermissionLookupMixin.get_all_permissions_for_user

    def page_permissions(self, user):
        if not user.is_active or user.is_anonymous or user.is_superuser:
            return page_rows(self, user)  # Wagtail's own (empty) answer for these
        return _rows(GroupPagePermission, "page", PagePermissionRow, user)

    def collection_permissions(self, user):
        if not user.is_active or user.is_anonymous or user.is_superuser:
            return collection_rows(self, user)
        return _rows(GroupCollectionPermission, "collection", CollectionPermissionRow, user)

    PagePermissionPolicy.get_all_permissions_for_user = page_permissions
    CollectionPermissionLookupMixin.get_all_permissions_for_user = collection_permissions
