"""The export file: one tar.gz with manifest.json (what it is, from which portal, made
with which migrations, checksums), content.json (the rows) and media/ (the original
files of the images and documents). Reading checks all of it before anything is
written, so a damaged file or one from another version of the code is refused whole."""

import hashlib
import io
import json
import os
import tarfile
import tempfile
import zlib
from datetime import UTC, datetime
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

FORMAT = "portal-export"
VERSION = 1
MANIFEST, CONTENT, MEDIA = "manifest.json", "content.json", "media/"


class PortalMoveError(Exception):
    """Refused or failed, with a message for the operator; nothing was left behind."""


def migration_state() -> dict[str, list[str]]:
    """The migrations applied to this database, by app: the shape of every row."""
    state = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        state.setdefault(app, []).append(name)
    return state


def write(path: Path, manifest: dict, content: dict, files: list[str]):
    """Into a temporary file beside `path`, renamed at the end: never half a file."""
    body = json.dumps(content, cls=DjangoJSONEncoder, ensure_ascii=False).encode()
    manifest = {**manifest, "format": FORMAT, "version": VERSION, "migrations": migration_state(),
                "created": datetime.now(UTC).isoformat(timespec="seconds"),
                "content_sha256": hashlib.sha256(body).hexdigest(), "media": {}}  # fmt: skip
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(handle)
    try:
        with tarfile.open(temporary, "w:gz") as archive:
            _add(archive, CONTENT, body)
            for name in sorted(set(files)):
                with default_storage.open(name, "rb") as stored:
                    data = stored.read()  # one file at a time
                manifest["media"][name] = hashlib.sha256(data).hexdigest()
                _add(archive, MEDIA + name, data)
            _add(archive, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return manifest


def _add(archive, name: str, data: bytes):
    info = tarfile.TarInfo(name)
    info.size, info.mtime = len(data), int(datetime.now(UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))


def read(path: Path, folder: Path) -> tuple[dict, dict]:
    """(manifest, content), with the media files unpacked under `folder`/media, each
    checked against the manifest."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            archive.extractall(folder, filter="data")  # no absolute paths, no links out
    except (OSError, EOFError, tarfile.TarError, zlib.error) as error:
        raise PortalMoveError(
            _("Không đọc được tệp %(path)s: tệp hỏng hoặc không phải tệp xuất cổng (%(error)s).")
            % {"path": path, "error": error}
        ) from None
    manifest = _manifest(path, folder / MANIFEST)
    content = folder / CONTENT
    damaged = _digest(content) != manifest.get("content_sha256") or any(
        _digest(folder / MEDIA / name) != digest for name, digest in manifest["media"].items()
    )
    if damaged:
        raise PortalMoveError(_("Tệp %(path)s đã bị hỏng: nội dung không khớp với tổng kiểm tra.") % {"path": path})
    return manifest, json.loads(content.read_text())


def _digest(path: Path) -> str | None:
    if not path.is_file():
        return None
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _manifest(path, file: Path) -> dict:
    try:
        manifest = json.loads(file.read_text())
    except (OSError, ValueError):
        manifest = {}
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or "media" not in manifest:
        raise PortalMoveError(_("%(path)s không phải tệp xuất cổng (thiếu manifest.json).") % {"path": path})
    if manifest.get("version") != VERSION:
        raise PortalMoveError(
            _("Tệp xuất theo định dạng %(theirs)s; phiên bản này chỉ nhập định dạng %(ours)s.")
            % {"theirs": manifest.get("version"), "ours": VERSION}
        )
    return manifest


def check_migrations(manifest: dict):
    """Rows fit only the schema they were written with: the same migrations, or nothing."""
    theirs = {(app, name) for app, names in manifest.get("migrations", {}).items() for name in names}
    ours = {(app, name) for app, names in migration_state().items() for name in names}
    if theirs != ours:
        differences = [f"+{a}.{n}" for a, n in sorted(theirs - ours)] + [f"-{a}.{n}" for a, n in sorted(ours - theirs)]
        raise PortalMoveError(
            _("Tệp được xuất từ một phiên bản khác của hệ thống (khác migration: %(migrations)s). "
              "Hãy cập nhật hai nơi về cùng một phiên bản rồi xuất lại.")
            % {"migrations": ", ".join(differences[:5]) + (" …" if len(differences) > 5 else "")}
        )  # fmt: skip
