"""Create a portal and everything hung on it, in one transaction.

provision_tenant() is the only way portals come into being (create_tenant, seed_demo,
and later the "add portal" admin screen all call it). It validates everything before
writing anything, so bad input creates nothing, and running it again with the same
spec changes nothing.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
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

from .events import portal_created
from .models import Tenant, TenantAlias, TenantGroup
from .registry import registry
from .roles import (
    ALERT_PERMISSIONS,
    CITIZEN_PERMISSIONS,
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
    """Bad input: one line, fit to show the person who asked, in their language, and the
    field it concerns (the admin screen puts it on that field; create_tenant prefixes the
    option's name)."""

    def __init__(self, field: str | None, message):
        self.field, self.message = field, message
        super().__init__(str(message))


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
    hostname = _hostname(spec.hostname, "hostname")
    level, parent = _level_and_parent(spec)
    return TenantSpec(
        _name(spec.name), _slug(spec.slug), hostname, level, parent, _aliases(spec.aliases, hostname), _port(spec.port)
    )


def _name(value) -> str:
    name = (value or "").strip()
    if not name:
        raise ProvisioningError("name", _("Cần có tên cổng, ví dụ «Đạ Tẻh»."))
    if len(name) > 120:
        raise ProvisioningError("name", _("Tên cổng quá dài (tối đa 120 ký tự)."))
    return name


def _slug(value) -> str:
    slug = (value or "").strip()
    try:
        validate_slug(slug)
    except ValidationError as exc:
        raise ProvisioningError("slug", exc.messages[0]) from None
    return slug


def _aliases(values, hostname) -> list[str]:
    aliases = []
    for value in values:
        alias = _hostname(value, "aliases")
        if alias == hostname:
            raise ProvisioningError("aliases", _("Tên miền phụ %(alias)s trùng với tên miền chính.") % {"alias": alias})
        if alias not in aliases:
            aliases.append(alias)
    return aliases


def _port(value) -> int:
    if not 1 <= value <= 65535:
        raise ProvisioningError("port", _("%(port)s không phải cổng TCP (1–65535).") % {"port": value})
    return value


def _level_and_parent(spec: TenantSpec) -> tuple[str, str | None]:
    level = spec.level or (Tenant.Level.DISTRICT if spec.parent else Tenant.Level.PROVINCE)
    if level not in Tenant.Level.values:
        raise ProvisioningError(
            "level",
            _("Không có cấp %(level)s; dùng một trong: %(levels)s.")
            % {"level": level, "levels": ", ".join(Tenant.Level.values)},
        )
    expected = Tenant.PARENT_LEVEL.get(level, ())
    if not spec.parent:
        if expected:
            raise ProvisioningError(
                "parent",
                _("Cổng %(level)s cần có cổng cấp trên (%(expected)s).")
                % {
                    "level": Tenant.Level(level).label,
                    "expected": ", ".join(str(Tenant.Level(e).label) for e in expected),
                },
            )
        return level, None
    parent = Tenant.objects.filter(slug=spec.parent).first()
    if parent is None:
        raise ProvisioningError("parent", _("Không có cổng nào mang mã %(slug)s.") % {"slug": spec.parent})
    if parent.level not in expected:
        raise ProvisioningError(
            "parent",
            _("Cổng %(level)s không thể thuộc %(parent)s, một cổng %(parent_level)s.")
            % {
                "level": Tenant.Level(level).label,
                "parent": parent.name,
                "parent_level": Tenant.Level(parent.level).label,
            },
        )
    return level, spec.parent


def _hostname(value: str, field: str) -> str:
    try:
        hostname = normalize_hostname(value)
        validate_hostname(hostname)
    except ValidationError as exc:
        raise ProvisioningError(field, exc.messages[0]) from None
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
        which = "hostname" if hostname == spec.hostname else "aliases"
        if owner is not None:
            raise ProvisioningError(
                which,
                _("Tên miền %(hostname)s đã được cổng «%(name)s» (%(slug)s) dùng.")
                % {"hostname": hostname, "name": owner.name, "slug": owner.slug},
            )
        if tenant is None and Site.objects.filter(hostname=hostname).exists():
            raise ProvisioningError(
                which,
                _("Tên miền %(hostname)s đã được một trang Wagtail không phải cổng dùng.") % {"hostname": hostname},
            )


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
                key if key != "port" else None,
                _(
                    "Cổng %(slug)s đã có, với %(field)s là %(current)s chứ không phải %(wanted)s; hãy đổi trong trang quản trị."
                )
                % {"slug": tenant.slug, "field": key, "current": current[key], "wanted": value},
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
    HomePage = apps.get_model(settings.PORTAL_HOME_PAGE_MODEL)
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
    portal_created.send(sender=Tenant, tenant=tenant, home=home)  # its look and required sections
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
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="citizens", codename__in=CITIZEN_PERMISSIONS[role])
        )
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="core", codename__in=ALERT_PERMISSIONS[role])
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


def update_portal(tenant: Tenant, *, name: str, aliases: list[str], is_active: bool) -> Tenant:
    """Rename a portal, replace its aliases, turn it on or off (the portals screen):
    checked like a new portal's, in one transaction; a refusal changes nothing."""
    name = _name(name)
    aliases = _aliases(aliases, tenant.hostname)
    spec = TenantSpec(name=name, slug=tenant.slug, hostname=tenant.hostname, aliases=aliases)
    with transaction.atomic():
        tenant = Tenant.objects.select_for_update().select_related("site").get(pk=tenant.pk)
        _check_hostnames_free(spec, tenant)
        tenant.name, tenant.is_active = name, is_active
        tenant.save(update_fields=["name", "is_active", "updated_at"])
        Site.objects.filter(pk=tenant.site_id).update(site_name=name)
        TenantAlias.objects.filter(tenant=tenant).exclude(hostname__in=aliases).delete()
        have = set(TenantAlias.objects.filter(tenant=tenant).values_list("hostname", flat=True))
        TenantAlias.objects.bulk_create(TenantAlias(tenant=tenant, hostname=a) for a in aliases if a not in have)
        registry.changed()
    return tenant
