"""Move one portal to another deployment: `manage.py export_portal` writes its page
tree (every language, drafts kept as drafts), images and documents with their
collections, snippets, settings, redirects, citizens' questions, visitor statistics
and its people's roles into one file; `manage.py import_portal` makes a new portal of
it here, with new ids, the links between its pages and media pointing at their new
selves. An import is one transaction: refused or failed, it leaves nothing behind, not
even the media files it had copied."""

import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from tenants.models import Tenant
from tenants.provisioning import ProvisioningError, TenantSpec, provision_tenant

from .archive import PortalMoveError, check_migrations, read, write
from .collect import gather
from .pages import restore_pages
from .people import PeopleReport, restore_people
from .restore import Ids, restore_collections, restore_media, restore_rows
from .restrictions import restore_restrictions

__all__ = ["ImportReport", "PortalMoveError", "export_portal", "import_portal"]


def export_portal(slug: str, path: Path) -> dict:
    from analytics.flush import flush_portal
    from analytics.recorder import recorder

    tenant = Tenant.objects.select_related("site", "collection", "parent").filter(slug=slug).first()
    if tenant is None:
        raise PortalMoveError(_("Không có cổng nào mang mã %(slug)s.") % {"slug": slug})
    if path.exists():
        raise PortalMoveError(_("Tệp %(path)s đã có; hãy chọn một tên khác.") % {"path": path})
    try:
        flush_portal(recorder(), tenant.pk)  # the last minute of counts, into SQL first
    except Exception as error:
        raise PortalMoveError(
            _("Chưa chuyển được số liệu truy cập đang đếm (Redis): %(error)s") % {"error": error}
        ) from error
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # Every read sees the portal as it was at one moment, while editors and
            # readers go on (SQLite lets nobody write meanwhile anyway).
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        content = gather(tenant)
        files = [item["data"]["file"] for items in content["media"].values() for item in items]
        return write(path, {"portal": _identity(tenant), "counts": _counts(content)}, content, files)


def _identity(tenant) -> dict:
    return {
        "id": tenant.pk, "site": tenant.site_id, "name": tenant.name, "slug": tenant.slug, "level": tenant.level,
        "parent": tenant.parent.slug if tenant.parent else None, "hostname": tenant.hostname,
        "aliases": list(tenant.aliases.values_list("hostname", flat=True)), "port": tenant.site.port,
        "is_active": tenant.is_active, "archived_at": tenant.archived_at,
    }  # fmt: skip


def _counts(content) -> dict:
    return {
        "pages": len(content["pages"]),
        "media": sum(len(items) for items in content["media"].values()),
        "people": len(content["people"]),
        **{label: len(rows) for label, rows in content["rows"].items() if rows},
    }


@dataclass
class ImportReport:
    tenant: Tenant
    pages: int
    media: int
    dropped: int  # rows left out: what they need is not here
    missing: int  # pages, images and documents pointed at that are not here (links dropped)
    people: PeopleReport


def import_portal(path: Path, *, parent=None, hostname=None, slug=None) -> ImportReport:
    with tempfile.TemporaryDirectory(prefix="portal-import-") as folder:
        manifest, content = read(path, Path(folder))
        check_migrations(manifest)
        spec = _spec(manifest["portal"], parent=parent, hostname=hostname, slug=slug)
        saved: list[str] = []
        try:
            with transaction.atomic():
                return _import(manifest, content, Path(folder), spec, saved)
        except IntegrityError as error:
            _forget(saved)
            raise PortalMoveError(
                _("Không nhập được: dữ liệu trùng với dữ liệu đã có ở đây (%(error)s).") % {"error": error}
            ) from error
        except BaseException:
            _forget(saved)
            raise


def _spec(portal: dict, *, parent, hostname, slug) -> TenantSpec:
    slug, parent = slug or portal["slug"], parent if parent is not None else portal["parent"]
    if Tenant.objects.filter(slug=slug).exists():
        raise PortalMoveError(_("Đã có cổng mang mã %(slug)s ở đây; hãy chọn mã khác bằng --slug.") % {"slug": slug})
    if parent and not Tenant.objects.filter(slug=parent).exists():
        raise PortalMoveError(
            _("Không có cổng cấp trên mang mã %(slug)s ở đây; hãy nêu cổng cấp trên bằng --parent.") % {"slug": parent}
        )
    return TenantSpec(
        name=portal["name"], slug=slug, hostname=hostname or portal["hostname"], level=portal["level"],
        parent=parent or None, aliases=[] if hostname else portal["aliases"], port=portal["port"],
    )  # fmt: skip


def _import(manifest, content, folder, spec, saved) -> ImportReport:
    try:
        tenant = provision_tenant(spec).tenant
    except ProvisioningError as error:
        raise PortalMoveError(error.message) from None
    old = manifest["portal"]
    Tenant.objects.filter(pk=tenant.pk).update(is_active=old["is_active"], archived_at=old["archived_at"])
    ids = Ids(lookups=content["lookups"], outside_pages=content["outside_pages"])
    ids.set("tenants.tenant", old["id"], tenant.pk)
    ids.set("wagtailcore.site", old["site"], tenant.site_id)
    restore_collections(content, tenant, ids)
    restore_media(content, folder, ids, saved)
    dropped = restore_rows(content, tenant, ids, pages_done=False)
    pages = restore_pages(content, tenant, ids, old["slug"])
    dropped += restore_rows(content, tenant, ids, pages_done=True)
    restore_restrictions(content, tenant, ids)
    people = restore_people(content["people"], tenant)
    transaction.on_commit(lambda: _announce(tenant.pk), robust=True)  # logged if Redis is away: SQL has it all
    return ImportReport(
        tenant=tenant, pages=pages, media=len(saved), dropped=dropped, missing=ids.still_missing(), people=people
    )


def _announce(tenant_id):
    """The new portal's figures are read from SQL; its addresses answer at once."""
    from analytics.floors import reseed
    from analytics.recorder import recorder
    from tenants.events import portal_pages_changed
    from tenants.registry import registry

    reseed(recorder(), tenant_id)
    portal_pages_changed.send(sender=Tenant, tenant_ids={tenant_id}, purge=True)
    registry.changed()


def _forget(names):
    """A failed import: its files go, and this process forgets the portal it had begun."""
    from tenants.registry import registry

    for name in names:
        default_storage.delete(name)
    registry.invalidate(announce=False)
