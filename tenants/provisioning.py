"""Create a portal and everything hung on it, in one transaction.

provision_tenant() is the only way portals come into being (create_tenant, seed_demo,
and later the "add portal" admin screen all call it). It validates everything before
writing anything, so bad input creates nothing, and running it again with the same
spec changes nothing.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import Tenant, TenantAlias, TenantGroup
from .registry import registry
from .roles import (
    COLLECTION_PERMISSIONS,
    PAGE_PERMISSIONS,
    SITE_SETTING_PERMISSIONS,
    TRANSLATION_PERMISSIONS,
    Role,
    roles_for_level,
    snippet_codenames,
)
from .scope_context import unscoped_function
from .validators import normalize_hostname, validate_hostname, validate_slug


class ProvisioningError(Exception):
    """Bad input: the message is one line, fit to show the person who asked."""


@dataclass
class TenantSpec:
    name: str
    slug: str
    hostname: str
    level: str | None = None
    parent: str | None = None  # the parent portal's slug
    aliases: list[str] = field(default_factory=list)
    port: int = 80


@dataclass
class ProvisionResult:
    tenant: Tenant
    created: bool
    added_aliases: list[str]


@unscoped_function  # tree paths, hostnames and slugs must be unique across all portals
def provision_tenant(spec: TenantSpec) -> ProvisionResult:
    spec = _validated(spec)
    with transaction.atomic():
        existing = Tenant.objects.select_for_update().filter(slug=spec.slug).first()
        if existing is not None:
            return _ensure_same(existing, spec)
        _check_hostnames_free(spec)
        return ProvisionResult(_create(spec), created=True, added_aliases=spec.aliases)


# --- validation (no writes) ---------------------------------------------------------
def _validated(spec: TenantSpec) -> TenantSpec:
    name = (spec.name or "").strip()
    if not name:
        raise ProvisioningError('--name is required, e.g. --name "Đạ Tẻh".')
    if len(name) > 120:
        raise ProvisioningError("--name is too long (120 characters at most).")
    slug = (spec.slug or "").strip()
    hostname = _hostname(spec.hostname, "--hostname")
    aliases = []
    for alias in spec.aliases:
        alias = _hostname(alias, "--alias")
        if alias == hostname:
            raise ProvisioningError(f"--alias {alias} is the same as --hostname.")
        if alias not in aliases:
            aliases.append(alias)
    try:
        validate_slug(slug)
    except ValidationError as exc:
        raise ProvisioningError(f"--slug: {exc.messages[0]}") from None
    if not 1 <= spec.port <= 65535:
        raise ProvisioningError(f"--port {spec.port} is not a TCP port (1–65535).")

    level = spec.level or (Tenant.Level.DISTRICT if spec.parent else Tenant.Level.PROVINCE)
    if level not in Tenant.Level.values:
        raise ProvisioningError(f"--level {level!r} is unknown; use one of: {', '.join(Tenant.Level.values)}.")
    expected_parent_level = Tenant.PARENT_LEVEL.get(level)
    if spec.parent:
        parent = Tenant.objects.filter(slug=spec.parent).first()
        if parent is None:
            raise ProvisioningError(f"--parent {spec.parent!r}: no portal has that slug.")
        if parent.level != expected_parent_level:
            raise ProvisioningError(
                f"--parent {spec.parent!r} is a {parent.level} portal; a {level} portal's parent "
                f"must be a {expected_parent_level or 'nothing: a province has no parent'}."
            )
    elif expected_parent_level:
        raise ProvisioningError(f"a {level} portal needs --parent (the slug of its {expected_parent_level}).")
    return TenantSpec(name, slug, hostname, level, spec.parent or None, aliases, spec.port)


def _hostname(value: str, option: str) -> str:
    try:
        hostname = normalize_hostname(value)
        validate_hostname(hostname)
    except ValidationError as exc:
        raise ProvisioningError(f"{option}: {exc.messages[0]}") from None
    return hostname


def _check_hostnames_free(spec: TenantSpec, tenant: Tenant | None = None):
    for hostname in [spec.hostname, *spec.aliases]:
        owner = Tenant.objects.filter(hostname=hostname).exclude(pk=getattr(tenant, "pk", None)).first() or getattr(
            TenantAlias.objects.filter(hostname=hostname)
            .exclude(tenant_id=getattr(tenant, "pk", None))
            .select_related("tenant")
            .first(),
            "tenant",
            None,
        )
        if owner is not None:
            raise ProvisioningError(f"hostname {hostname} is already used by portal {owner.slug!r} ({owner.name}).")
        if tenant is None and Site.objects.filter(hostname=hostname).exists():
            raise ProvisioningError(f"hostname {hostname} is already used by a Wagtail site that is not a portal.")


def _ensure_same(tenant: Tenant, spec: TenantSpec) -> ProvisionResult:
    """Re-running with the same spec is a no-op; a different spec is refused, because
    changing a live portal's identity belongs in the admin, not in a create command."""
    current = {
        "name": tenant.name,
        "hostname": tenant.hostname,
        "level": tenant.level,
        "parent": tenant.parent.slug if tenant.parent else None,
        "port": tenant.site.port,
    }
    wanted = {
        "name": spec.name,
        "hostname": spec.hostname,
        "level": spec.level,
        "parent": spec.parent,
        "port": spec.port,
    }
    for key, value in wanted.items():
        if current[key] != value:
            raise ProvisioningError(
                f"portal {tenant.slug!r} already exists with {key} {current[key]!r}, not {value!r}; "
                "change it in the admin instead."
            )
    known = set(tenant.aliases.values_list("hostname", flat=True))
    new_aliases = [alias for alias in spec.aliases if alias not in known]
    _check_hostnames_free(TenantSpec(spec.name, spec.slug, spec.hostname, aliases=new_aliases), tenant)
    TenantAlias.objects.bulk_create(TenantAlias(tenant=tenant, hostname=a) for a in new_aliases)
    if new_aliases:
        registry.changed()  # bulk_create sends no post_save
    return ProvisionResult(tenant, created=False, added_aliases=new_aliases)


# --- creation ------------------------------------------------------------------------
def _create(spec: TenantSpec) -> Tenant:
    from core.models import HomePage
    from themes.models import ThemeSettings

    parent = Tenant.objects.filter(slug=spec.parent).first() if spec.parent else None
    collection = Collection.get_first_root_node().add_child(name=f"{spec.name} ({spec.slug})")
    home = HomePage(
        title=spec.name,
        slug=spec.slug,
        locale=Locale.get_default(),
        seo_title=f"Cổng thông tin điện tử {spec.name}",
    )
    Page.get_first_root_node().add_child(instance=home)
    site = Site.objects.create(
        hostname=spec.hostname, port=spec.port, root_page=home, site_name=spec.name, is_default_site=False
    )
    tenant = Tenant(
        name=spec.name,
        slug=spec.slug,
        level=spec.level,
        parent=parent,
        hostname=spec.hostname,
        site=site,
        collection=collection,
    )
    tenant.full_clean()
    tenant.save()
    TenantAlias.objects.bulk_create(TenantAlias(tenant=tenant, hostname=alias) for alias in spec.aliases)
    ThemeSettings.objects.create(site=site)  # the default look, until its moderators change it
    registry.changed()
    _create_groups(tenant)
    _create_workflow(tenant)
    return tenant


def _create_workflow(tenant: Tenant):
    """The portal's own moderation: its editors submit, its moderators approve or
    reject (and only they are notified). Assigned to the home page, it governs every
    page of the portal, overriding Wagtail's site-wide default."""
    moderators = tenant.groups.get(role=Role.MODERATOR).group
    task = GroupApprovalTask.objects.create(name=f"Kiểm duyệt {tenant.name} ({tenant.slug})")
    task.groups.add(moderators)
    workflow = Workflow.objects.create(name=f"Quy trình duyệt bài {tenant.name} ({tenant.slug})")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page_id=tenant.site.root_page_id)


def _create_groups(tenant: Tenant):
    for role in roles_for_level(tenant.level):
        group = Group.objects.create(name=f"{tenant.name} ({tenant.slug}): {role.label}")
        group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="core", codename__in=snippet_codenames(role))
        )
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="wagtail_localize", codename__in=TRANSLATION_PERMISSIONS[role]
            )
        )
        TenantGroup.objects.create(tenant=tenant, role=role, group=group)
        _grant(group, tenant, role)
    # A province's administrators look after every portal below it.
    for ancestor in tenant.ancestors():
        for tenant_group in ancestor.groups.filter(role=Role.PROVINCIAL_ADMIN).select_related("group"):
            _grant(tenant_group.group, tenant, Role.PROVINCIAL_ADMIN)


def _grant(group: Group, tenant: Tenant, role: Role):
    page_perms = Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS[role])
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group=group, page_id=tenant.site.root_page_id, permission=p) for p in page_perms
    )
    media_perms = Permission.objects.filter(
        content_type__app_label__in=["wagtailimages", "wagtaildocs"], codename__in=COLLECTION_PERMISSIONS[role]
    )
    GroupCollectionPermission.objects.bulk_create(
        GroupCollectionPermission(group=group, collection=tenant.collection, permission=p) for p in media_perms
    )
    site_perms = Permission.objects.filter(
        content_type__app_label="themes", codename__in=SITE_SETTING_PERMISSIONS[role]
    )
    GroupSitePermission.objects.bulk_create(
        GroupSitePermission(group=group, site_id=tenant.site_id, permission=p) for p in site_perms
    )
