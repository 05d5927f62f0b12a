"""Back the platform up, and restore it into an empty database, with a manifest to
compare the two.

What a backup holds: the database (pg_dump's custom format, or SQLite's online backup)
and the media folder (a tar archive), after the live view counts were flushed from
Redis into SQL. Nothing else is needed: once flushed, Redis holds only what is
rebuilt on its own (cached pages, counters' floors, sessions that end anyway), and the
day's salt and unique visitors are in SQL too. The manifest lists the row count of
every table and the media files with their sizes; a restore checks itself against it.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, connections
from django.utils.translation import gettext as _

MANIFEST = "manifest.json"
DATABASE_FILE = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
MEDIA_FILE = "media.tar.gz"


class BackupError(Exception):
    """Refused or failed, with a message for the operator; nothing was changed."""


def table_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy and model._meta.db_table not in counts:
            with connection.cursor() as cursor:
                cursor.execute(f'SELECT COUNT(*) FROM "{model._meta.db_table}"')
                counts[model._meta.db_table] = cursor.fetchone()[0]
    return dict(sorted(counts.items()))


def media_files(root: Path) -> dict[str, int]:
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): p.stat().st_size for p in sorted(root.rglob("*")) if p.is_file()}


def _vendor() -> str:
    vendor = connection.vendor
    if vendor not in DATABASE_FILE:
        raise BackupError(_("Chỉ sao lưu được PostgreSQL và SQLite, không phải %(vendor)s.") % {"vendor": vendor})
    return vendor


def backup(target: Path) -> dict:
    from analytics.flush import flush_all
    from analytics.recorder import recorder

    vendor = _vendor()
    if target.exists() and any(target.iterdir()):
        raise BackupError(_("Thư mục %(path)s đã có dữ liệu; hãy chọn một thư mục trống.") % {"path": target})
    target.mkdir(parents=True, exist_ok=True)
    flushed = flush_all(recorder())  # the last minute of counts, into SQL first
    db = settings.DATABASES["default"]
    if vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target / DATABASE_FILE[vendor]}", _pg_url(db)])
    else:
        with sqlite3.connect(db["NAME"]) as source, sqlite3.connect(target / DATABASE_FILE[vendor]) as copy:
            source.backup(copy)
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(target / MEDIA_FILE, "w:gz") as archive:
        if media.exists():
            archive.add(media, arcname=".")
    manifest = {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": vendor,
        "flushed_views": flushed["views"],
        "tables": table_counts(),
        "media": media_files(media),
    }
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    return manifest


def restore(source: Path) -> dict:
    """Into the (empty) database and media folder this process is configured with."""
    vendor = _vendor()
    manifest_path = source / MANIFEST
    if not manifest_path.exists():
        raise BackupError(_("%(path)s không phải một bản sao lưu (thiếu manifest.json).") % {"path": source})
    manifest = json.loads(manifest_path.read_text())
    if manifest["database"] != vendor:
        raise BackupError(
            _("Bản sao lưu là của %(theirs)s, còn cơ sở dữ liệu đích là %(ours)s.")
            % {"theirs": manifest["database"], "ours": vendor}
        )
    if connection.introspection.table_names():
        raise BackupError(_("Cơ sở dữ liệu đích đã có bảng; chỉ khôi phục vào một cơ sở dữ liệu trống."))
    media = Path(settings.MEDIA_ROOT)
    if media.exists() and any(media.iterdir()):
        raise BackupError(_("Thư mục media %(path)s đã có tệp; chỉ khôi phục vào một thư mục trống.") % {"path": media})
    db = settings.DATABASES["default"]
    if vendor == "postgresql":
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                f"--dbname={_pg_url(db)}",
                str(source / DATABASE_FILE[vendor]),
            ]
        )
    else:
        connections.close_all()
        shutil.copyfile(source / DATABASE_FILE[vendor], db["NAME"])
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / MEDIA_FILE, "r:gz") as archive:
        archive.extractall(media, filter="data")  # no absolute paths, no links out
    _forget_what_redis_knew()
    return compare(manifest)


def _forget_what_redis_knew():
    """Redis may still hold pages and counter floors of what was there before: drop the
    pages (tenants.events.portal_pages_changed, with purge: the page cache listens),
    re-seed the floors from the restored SQL, announce the restored portals."""
    from analytics.floors import reseed
    from analytics.recorder import recorder
    from tenants.events import portal_pages_changed
    from tenants.models import Tenant
    from tenants.registry import registry

    ids = list(Tenant.objects.values_list("pk", flat=True))
    portal_pages_changed.send(sender=Tenant, tenant_ids=set(ids), purge=True)
    for tenant_id in ids:
        reseed(recorder(), tenant_id)
    registry.invalidate()


def compare(manifest: dict) -> dict:
    """Where the restored platform differs from the manifest (empty: identical)."""
    tables, files = table_counts(), media_files(Path(settings.MEDIA_ROOT))
    differences = {
        table: {"backup": count, "restored": tables.get(table)}
        for table, count in manifest["tables"].items()
        if tables.get(table) != count
    }
    missing = {name: size for name, size in manifest["media"].items() if files.get(name) != size}
    return {"tables": differences, "media": missing}


def _pg_url(db: dict) -> str:
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgresql://{user}{password}@{host}{port}/{db['NAME']}"


def _run(command: list[str]):
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ})
    if result.returncode != 0:
        raise BackupError(f"{command[0]}: {result.stderr.strip()[:500]}")
