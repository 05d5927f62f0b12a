"""Wagtail admin code paths whose cost grew with the number of portals, replaced by
ones that cost the same for 4 portals or 3,000.

**Page permissions.** Wagtail's page permission policy builds "pages this user may act on" by OR-ing one
queryset per GroupPagePermission row. A provincial admin holds five permissions on the
home page of every portal of the province: 1,000 OR-ed querysets for 200 portals, which
Django combines and compiles in quadratic time (the explorer took 14 s, site history
46 s). The same sets are described here with one condition per tree depth: a page is
under the path P exactly when the first len(P) characters of its path are P, so all
the roots at one depth make a single `SUBSTR(path, 1, n) IN (…)`.

Checking one page (the buttons of each row of the explorer) looped over all of those
rows too; it now looks up the few that can apply: those on the page's own ancestors.

**Collections.** Media permissions are per collection, and Wagtail OR-ed one
queryset per permission row in the same way; they are answered the same way here.

**Tasks to review.** The dashboard's "awaiting your review" asked every active task of
every portal, one query each (201 for a provincial admin of 200 portals). Group
approval tasks, the only kind portals use, are answered here in one query.
"""

from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import Q

from .tree_paths import under_prefixes

NOTHING = Q(pk__in=[])


def under_any(paths) -> Q:
    """Pages at or below any of these tree paths."""
    by_length = defaultdict(set)
    for path in _outermost(paths):
        by_length[len(path)].add(path)
    conditions = [under_prefixes(group) for _length, group in sorted(by_length.items())]
    return reduce(or_, conditions) if conditions else NOTHING


def ancestors_of_any(paths, steplen: int) -> Q:
    """Pages strictly above any of these tree paths."""
    prefixes = {path[:end] for path in paths for end in range(steplen, len(path), steplen)}
    return Q(path__in=sorted(prefixes)) if prefixes else NOTHING


def _outermost(paths):
    """Drop paths that lie under another path of the set: they add nothing. A path is
    compared with its own prefixes of the lengths kept so far (a handful of tree depths),
    not with every path kept: a provincial admin's 1,000 rows on 200 homes made this
    200,000 comparisons, six times a request (issue 17)."""
    kept, lengths = [], set()
    found = set()
    for path in sorted(set(paths), key=len):
        if not any(path[:length] in found for length in lengths):
            kept.append(path)
            found.add(path)
            lengths.add(len(path))
    return kept


def install():
    _install_page_permissions()
    _install_collection_permissions()
    _install_reviewable_by()


def _install_collection_permissions():
    from wagtail.models import Collection
    from wagtail.permission_policies.collections import CollectionPermissionLookupMixin

    def _collections_with_perm(self, user, actions):
        paths = [perm.collection.path for perm in self._get_user_permission_objects_for_actions(user, actions)]
        return Collection.objects.filter(under_any(paths))

    CollectionPermissionLookupMixin._collections_with_perm = _collections_with_perm


def _install_reviewable_by():
    from wagtail.models import GroupApprovalTask, Task, TaskState
    from wagtail.models.workflows import BaseTaskStateManager

    def reviewable_by(self, user):
        group_tasks = GroupApprovalTask.objects.filter(active=True)
        if not user.is_superuser:
            group_tasks = group_tasks.filter(groups__in=user.groups.all())
        states = self.filter(status=TaskState.STATUS_IN_PROGRESS, task__in=group_tasks.values("pk"))
        other_tasks = Task.objects.filter(active=True).exclude(pk__in=GroupApprovalTask.objects.values("pk"))
        for task in other_tasks.specific():  # task types that decide for themselves
            states = states | task.get_task_states_user_can_moderate(user=user)
        return states

    BaseTaskStateManager.reviewable_by = reviewable_by


def permissions_on_path(policy, user, path):
    """The user's page permission rows on `path` or on a page above it."""
    cache_name = "_page_permissions_by_path"
    index = getattr(user, cache_name, None)
    if index is None:
        index = defaultdict(list)
        for perm in policy.get_cached_permissions_for_user(user):
            index[perm.page.path].append(perm)
        setattr(user, cache_name, index)
    steplen = policy.model.steplen
    return [perm for end in range(steplen, len(path) + 1, steplen) for perm in index.get(path[:end], ())]


def permitted_pages(policy, user, actions) -> Q:
    """The pages `user` may do any of `actions` on, as one condition on the page table."""
    codenames = policy._get_permission_codenames(actions)
    add = policy._get_permission_codename("add")
    owned_only = "add" not in actions and "change" in actions
    full, owned = set(), set()
    for perm in policy.get_cached_permissions_for_user(user):
        if perm.permission.codename == add and owned_only:
            owned.add(perm.page.path)  # "add" lets one change the pages one owns
        elif perm.permission.codename in codenames:
            full.add(perm.page.path)
    return under_any(full) | (under_any(owned) & Q(owner=user))


def instances_user_has_any_permission_for(self, user, actions):
    base_queryset = self._base_queryset_for_user(user)
    if base_queryset is not None:
        return base_queryset
    return self.model._default_manager.filter(permitted_pages(self, user, actions))


def explorable_instances(self, user):
    base_queryset = self._base_queryset_for_user(user)
    if base_queryset is not None:
        return base_queryset
    explorable = permitted_pages(self, user, {"add", "change", "publish", "lock", "unlock", "bulk_delete"})
    pages = [perm.page for perm in self.get_cached_permissions_for_user(user)]
    # The ancestors of the pages one has permissions on, to browse down to them,
    # below the top-most page they have in common. All on the page table itself (no
    # subquery of ids), so the database filters the rows it reads anyway.
    ancestors = ancestors_of_any([page.path for page in pages], self.model.steplen)
    common = self.model.base_page_model.objects.first_common_ancestor_of(pages)
    return self.model._default_manager.filter((explorable | ancestors) & Q(path__startswith=common.path))


def user_has_any_permission_for_instance(self, user, actions, instance):
    base_permission = self._base_user_has_permission(user)
    if base_permission is not None:
        return base_permission
    add = self._get_permission_codename("add")
    permissions = set()
    for perm in permissions_on_path(self, user, instance.path):
        permissions.add(perm.permission.codename)
        if perm.permission.codename == add and instance.owner_id == user.pk:
            permissions.add(self._get_permission_codename("change"))
    return bool(self._get_permission_codenames(actions) & permissions)


def tester_init(self, user, page):
    from wagtail.permissions import policy_registry

    self.user = user
    self.permission_policy = policy_registry.get(page)
    self.page = page
    self.page_is_root = page.depth == 1
    if self.user.is_active and not self.user.is_superuser:
        self.permissions = {
            perm.permission.codename.rsplit("_", maxsplit=1)[0]
            for perm in permissions_on_path(self.permission_policy, user, page.path)
        }


def _install_page_permissions():
    from wagtail.models import PagePermissionTester
    from wagtail.permission_policies.pages import PagePermissionPolicy

    PagePermissionTester.__init__ = tester_init
    PagePermissionPolicy.user_has_any_permission_for_instance = user_has_any_permission_for_instance
    PagePermissionPolicy.instances_user_has_any_permission_for = instances_user_has_any_permission_for
    PagePermissionPolicy.explorable_instances = explorable_instances
