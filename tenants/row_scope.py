"""Every query an admin request makes sees only the user's portals' rows.

Wagtail's admin views, choosers, filters, APIs, bulk actions and exports each build
their own querysets, often from ids that arrive in query strings and form fields. A
list of patched views is never complete, so the rule is applied underneath all of them:
while an admin request runs in a scope (tenants.scope_context), every SELECT on a
portal-owned model gets the scope's condition added when it is compiled, and every
UPDATE and DELETE the stricter one of the portals the user may change. A view added by
a new Wagtail version is scoped the same way, without anyone touching it.

Each model is either in RULES (how its rows map to portals) or in SHARED (why it holds
nothing of any one portal, or is only reached from an object already in scope);
tests/tenants/test_row_scope.py fails on a model that is in neither.

What is *not* scoped: navigating from an object already in hand (a foreign key, saving
it, refreshing it, deletion cascades). Django does that through each model's base
manager, whose queries are marked here. Everything a view lists, counts, filters by,
chooses from or looks up by an id starts from a default or related manager, and is
scoped.
"""

import copy
from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, Subquery
from django.db.models.functions import Cast
from django.db.models.options import Options
from django.db.models.sql.query import Query
from django.db.models.sql.subqueries import DeleteQuery, UpdateQuery

from .scope_context import active_scope, unscoped_function
from .visibility import Scope

UNSCOPED_MARK = "_tenants_unscoped"
READ, WRITE = "read", "write"


def _unscoped(queryset):
    """A queryset whose compiled SQL is left alone (used inside the rules themselves,
    which already say exactly which rows they mean)."""
    setattr(queryset.query, UNSCOPED_MARK, True)
    return queryset


def _ids_as_text(queryset):
    """The ids of a queryset as text: generic relations store object ids as strings."""
    return Subquery(_unscoped(queryset.order_by().annotate(_id_text=Cast("pk", CharField())).values("_id_text")))


def _ids(queryset):
    # order_by(): an explicit Subquery keeps the model's default ordering, and pages are
    # ordered by path, so `IN (SELECT id … ORDER BY path)` sorted a provincial admin's
    # 100,000 page ids (on disk) for every query on a page's rows: 0.3 s each.
    return Subquery(_unscoped(queryset.order_by().values("pk")))


# --- which rows of each model belong to a scope ------------------------------------------
def _own_pages(scope: Scope):
    from wagtail.models import Page

    return Page.objects.filter(scope.own_pages())


def pages(scope: Scope, mode: str) -> Q:
    return scope.readable_pages() if mode == READ else scope.own_pages()


def page_children(scope: Scope, mode: str) -> Q:
    """Rows that belong to a page (comments, privacy, workflow links, form entries)."""
    return Q(page_id__in=_ids(_own_pages(scope)))


def page_objects(scope: Scope, mode: str) -> Q:
    """Rows that name a page by content type and id (revisions, workflow states)."""
    from wagtail.models import Page

    return Q(base_content_type=ContentType.objects.get_for_model(Page), object_id__in=_ids_as_text(_own_pages(scope)))


def media(scope: Scope, mode: str) -> Q:
    return Q(collection_id__in=scope.own_collections)


def collections(scope: Scope, mode: str) -> Q:
    own = Q(pk__in=scope.own_collections)
    return own | Q(depth=1) if mode == READ else own  # the root: where browsing starts


def portal_owned(scope: Scope, mode: str) -> Q:
    """Snippets and records with a `tenant` field: the province's are readable below it."""
    return Q(tenant_id__in=scope.readable if mode == READ else scope.own)


def portal_records(scope: Scope, mode: str) -> Q:
    """Statistics and other rows of one portal: the user's own portals only."""
    return Q(tenant_id__in=scope.own)


def portals(scope: Scope, mode: str) -> Q:
    return Q(pk__in=scope.readable if mode == READ else scope.own)


def sites(scope: Scope, mode: str) -> Q:
    return Q(pk__in=scope.readable_sites if mode == READ else scope.own_sites)


def site_owned(scope: Scope, mode: str) -> Q:
    return Q(site_id__in=scope.own_sites)


def children_of_site_setting(setting_model, field="settings_id"):
    """A rule for the rows of a site setting's inlines (its translations, its links)."""

    def rule(scope: Scope, mode: str) -> Q:
        return Q(**{f"{field}__in": _ids(setting_model.objects.filter(site_id__in=scope.own_sites))})

    return rule


def _own_group_ids(scope: Scope):
    from .models import TenantGroup

    return _unscoped(TenantGroup.objects.filter(tenant_id__in=scope.own).order_by().values("group_id"))


def groups(scope: Scope, mode: str) -> Q:
    """The user's portals' groups, and (to read) the groups the user is in: permission
    checks read a user's groups."""
    own = Q(pk__in=Subquery(_own_group_ids(scope)))
    if mode == WRITE:
        return own
    memberships = get_user_model().groups.through.objects.filter(user_id=scope.user_id).values("group_id")
    return own | Q(pk__in=Subquery(_unscoped(memberships)))


def tenant_groups(scope: Scope, mode: str) -> Q:
    return Q(tenant_id__in=scope.own)


def users(scope: Scope, mode: str) -> Q:
    """The members of the user's portals (and the user); only themselves to change."""
    if mode == WRITE:
        return Q(pk=scope.user_id)
    members = get_user_model().groups.through.objects.filter(group_id__in=Subquery(_own_group_ids(scope)))
    return Q(pk=scope.user_id) | Q(pk__in=Subquery(_unscoped(members.values("user_id"))))


def own_user_rows(scope: Scope, mode: str) -> Q:
    return Q(user_id=scope.user_id)


def uploads(scope: Scope, mode: str) -> Q:
    return Q(uploaded_by_user_id=scope.user_id)


def _own_workflows(scope: Scope):
    from wagtail.models import WorkflowPage

    return _unscoped(WorkflowPage.objects.filter(page_id__in=_ids(_own_pages(scope))).order_by().values("workflow_id"))


def workflows(scope: Scope, mode: str) -> Q:
    return Q(pk__in=Subquery(_own_workflows(scope)))


def workflow_children(scope: Scope, mode: str) -> Q:
    return Q(workflow_id__in=Subquery(_own_workflows(scope)))


def tasks(scope: Scope, mode: str) -> Q:
    from wagtail.models import WorkflowTask

    own = WorkflowTask.objects.filter(workflow_id__in=Subquery(_own_workflows(scope))).order_by().values("task_id")
    return Q(pk__in=Subquery(_unscoped(own)))


def task_states(scope: Scope, mode: str) -> Q:
    from wagtail.models import WorkflowState

    return Q(workflow_state_id__in=_ids(WorkflowState.objects.filter(page_objects(scope, mode))))


def comment_replies(scope: Scope, mode: str) -> Q:
    from wagtail.models import Comment

    return Q(comment_id__in=_ids(Comment.objects.filter(page_children(scope, mode))))


def log_entries(scope: Scope, mode: str) -> Q:
    """Log rows of objects other than pages: one condition per kind of object (the ones
    below, and those the apps above add with `scope_logged`), so the cost does not grow
    with the number of portals."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    logged = [
        (get_image_model(), media),
        (get_document_model(), media),
        (Group, groups),
        (get_user_model(), users),
        *_logged_by_apps,
    ]
    return reduce(
        or_,
        (
            Q(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=_ids_as_text(model._default_manager.filter(rule(scope, WRITE))),
            )
            for model, rule in logged
        ),
    )


def translation_sources(scope: Scope, mode: str) -> Q:
    """wagtail-localize names the source object by its translation key."""

    keys = _unscoped(_own_pages(scope).order_by().values("translation_key"))
    return Q(object_id__in=Subquery(keys))  # only pages are translated here


def translations(scope: Scope, mode: str) -> Q:
    from wagtail_localize.models import TranslationSource

    return Q(source_id__in=_ids(TranslationSource.objects.filter(translation_sources(scope, mode))))


# --- what the apps above register (in their AppConfig.ready) --------------------------
# tenants sits below core, analytics, citizens and themes: it never imports them. Each
# app says here how its own models' rows map to portals, which of its objects' log rows
# are scoped, and which of its models hold nothing of any one portal.
_scoped_by_apps: dict = {}
_logged_by_apps: list = []


def scope_rows(rules: dict):
    """{model: rule} for an app's own portal-owned models."""
    _scoped_by_apps.update(rules)
    _rules_by_model.clear()


def scope_logged(model, rule):
    """Site history rows about objects of `model` follow `rule`."""
    _logged_by_apps.append((model, rule))


def share(reasons: dict):
    """{"app.Model": why it is not scoped} for an app's models that belong to no portal."""
    SHARED.update(reasons)


def _rules():
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from wagtail.contrib.forms.models import FormSubmission
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import (
        Collection,
        CollectionViewRestriction,
        Comment,
        CommentReply,
        ModelLogEntry,
        Page,
        PageLogEntry,
        PageSubscription,
        PageViewRestriction,
        Revision,
        Site,
        Task,
        TaskState,
        UploadedFile,
        Workflow,
        WorkflowContentType,
        WorkflowPage,
        WorkflowState,
        WorkflowTask,
    )
    from wagtail.users.models import UserProfile
    from wagtail_localize.models import Translation, TranslationSource

    from .models import Tenant, TenantAlias, TenantGroup

    return {
        Page: pages,
        Revision: page_objects,
        PageLogEntry: page_children,
        ModelLogEntry: log_entries,
        Comment: page_children,
        CommentReply: comment_replies,
        PageSubscription: page_children,
        PageViewRestriction: page_children,
        FormSubmission: page_children,
        WorkflowPage: page_children,
        WorkflowState: page_objects,
        TaskState: task_states,
        Workflow: workflows,
        WorkflowTask: workflow_children,
        WorkflowContentType: workflow_children,
        Task: tasks,
        get_image_model(): media,
        get_document_model(): media,
        Collection: collections,
        CollectionViewRestriction: lambda scope, mode: Q(collection_id__in=scope.own_collections),
        UploadedFile: uploads,
        Site: sites,
        Redirect: site_owned,
        Tenant: portals,
        TenantAlias: portal_owned,
        TenantGroup: tenant_groups,
        Group: groups,
        get_user_model(): users,
        UserProfile: own_user_rows,
        TOTPDevice: own_user_rows,
        TranslationSource: translation_sources,
        Translation: translations,
        **_scoped_by_apps,
    }


# Models that are deliberately not scoped, and why.
SHARED = {
    "wagtailcore.Locale": "the languages every portal shares",
    "wagtailcore.GroupPagePermission": "read by permission checks; listed only in superuser views",
    "wagtailcore.GroupCollectionPermission": "read by permission checks; listed only in superuser views",
    "wagtailcore.GroupSitePermission": "read by permission checks; listed only in superuser views",
    "wagtailcore.ReferenceIndex": "written on save; usage views read it from an object already in scope",
    "wagtailcore.APIToken": "no admin view lists it",
    "wagtailimages.Rendition": "reached only from its image",
    "wagtailembeds.Embed": "oEmbed responses for public URLs, keyed by URL",
    "wagtailsearch.IndexEntry": "searched only through querysets of scoped models",
    "wagtailsearch.SQLiteFTSIndexEntry": "searched only through querysets of scoped models",
    "wagtailadmin.Admin": "holds no rows",
    "wagtailadmin.EditingSession": "the admin looks them up for one object already in scope",
    "wagtailadmin.FormState": "the admin looks them up for one object already in scope",
    "taggit.Tag": "tag names are shared; listings of tags go through tenants.tags",
    "taggit.TaggedItem": "listings of tags go through tenants.tags",
    "auth.Permission": "the permission vocabulary",
    "contenttypes.ContentType": "the model vocabulary",
    "sessions.Session": "never listed",
    "axes.AccessAttempt": "empty: sign-in failures are counted in Redis (core.accounts)",
    "axes.AccessLog": "empty: sign-in failures are counted in Redis (core.accounts)",
    "axes.AccessFailureLog": "empty: sign-in failures are counted in Redis (core.accounts)",
    "axes.AccessAttemptExpiration": "empty: sign-in failures are counted in Redis (core.accounts)",
    "wagtail_localize.TranslatableObject": "reached from a translation source in scope",
    "wagtail_localize.TranslationLog": "reached from a translation source in scope",
    "wagtail_localize.String": "text segments, reached from a source in scope",
    "wagtail_localize.TranslationContext": "reached from a source in scope",
    "wagtail_localize.StringTranslation": "reached from a source in scope",
    "wagtail_localize.Template": "reached from a source in scope",
    "wagtail_localize.SegmentOverride": "reached from a source in scope",
    "wagtail_localize.StringSegment": "reached from a source in scope",
    "wagtail_localize.TemplateSegment": "reached from a source in scope",
    "wagtail_localize.RelatedObjectSegment": "reached from a source in scope",
    "wagtail_localize.OverridableSegment": "reached from a source in scope",
    "wagtail_localize.LocaleSynchronization": "per-locale configuration, superuser views only",
}

_rules_by_model: dict = {}


def rule_for(model):
    """The rule of a model, or of the nearest scoped model it inherits from (a page
    type uses the Page rule, a group approval task the Task rule)."""
    if not _rules_by_model:
        _rules_by_model.update(_rules())
    for klass in [model, *model._meta.get_parent_list()]:
        rule = _rules_by_model.get(klass)
        if rule is not None:
            return rule
    return None


def condition(model, scope: Scope, mode: str) -> Q | None:
    rule = rule_for(model)
    return None if rule is None else rule(scope, mode)


# --- applying it ---------------------------------------------------------------------
_original_get_compiler = Query.get_compiler


def _scoped_get_compiler(self, using=None, connection=None, elide_empty=True):
    scope = active_scope.get()
    if (
        scope is None
        or scope.everything
        or self.model is None
        or getattr(self, UNSCOPED_MARK, False)
        or self.combinator  # each part of a UNION is compiled, and scoped, on its own
        or type(self) not in (Query, UpdateQuery, DeleteQuery)
    ):
        return _original_get_compiler(self, using, connection, elide_empty)
    rule = rule_for(self.model)
    if rule is None or (self.alias_map and not self.alias_refcount.get(self.base_table)):
        # No rule, or a helper subquery whose own model's table was trimmed away (an
        # exclude() across a relation): the query it serves is scoped itself.
        return _original_get_compiler(self, using, connection, elide_empty)
    query = self.clone()
    setattr(query, UNSCOPED_MARK, True)
    query.add_q(rule(scope, READ if type(self) is Query else WRITE))
    return _original_get_compiler(query, using, connection, elide_empty)


_original_base_manager = Options.base_manager


def _base_manager(self):
    """The base manager, whose queries (navigating from an object in hand) are left
    alone: see the module docstring."""
    manager = copy.copy(_original_base_manager.func(self))  # a copy: it may be a default manager
    manager.__class__ = _marking_manager_class(manager.__class__)
    return manager


_marking_classes: dict = {}


def _marking_manager_class(klass):
    if klass not in _marking_classes:

        def get_queryset(self):
            return _unscoped(super(marking, self).get_queryset())

        marking = type(f"Unscoped{klass.__name__}", (klass,), {"get_queryset": get_queryset})
        marking._tenants_marks_unscoped = True
        _marking_classes[klass] = marking
    return _marking_classes[klass]


def install():
    """Called once from tenants.apps.ready."""
    from functools import cached_property

    from django.apps import apps

    Query.get_compiler = _scoped_get_compiler
    base_manager = cached_property(_base_manager)
    base_manager.__set_name__(Options, "base_manager")
    Options.base_manager = base_manager
    for model in apps.get_models(include_auto_created=True):
        model._meta.__dict__.pop("base_manager", None)  # made before this ran
    # Shared by every portal and cached for all of them: never computed in one's scope.
    from wagtail.models import Site

    Site.get_site_root_paths = staticmethod(unscoped_function(Site.get_site_root_paths))
