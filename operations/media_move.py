"""Move the media folder's files into the S3 storage the settings name, under the same
names, so existing pages, images and documents find them there.

Safe to run again (after an interruption, or to pick up files added meanwhile): a file
already in the bucket with the same size is skipped. Nothing local is deleted; once the
app servers run with MEDIA_S3_BUCKET set and the portals look right, the operator
removes the local folder.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.utils.translation import gettext as _


class MoveError(Exception):
    pass


@dataclass
class Moved:
    copied: list[str] = field(default_factory=list)
    already_there: list[str] = field(default_factory=list)
    bytes_copied: int = 0


def s3_storage():
    """The configured S3 storage, writing names as given (no "_abc123" suffixes)."""
    from .media_storage import PortalS3Storage

    default = settings.STORAGES["default"]
    if not settings.MEDIA_S3_BUCKET or not default["BACKEND"].endswith("PortalS3Storage"):
        raise MoveError(_("Chưa cấu hình lưu trữ S3: đặt MEDIA_S3_BUCKET (và MEDIA_S3_ENDPOINT_URL) trước."))
    return PortalS3Storage(**{**default.get("OPTIONS", {}), "file_overwrite": True})


def move_media(source: Path, dry_run: bool = False) -> Moved:
    if not source.is_dir():
        raise MoveError(_("Không có thư mục media %(path)s.") % {"path": source})
    target = s3_storage()
    moved = Moved()
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        name = path.relative_to(source).as_posix()
        size = path.stat().st_size
        if target.exists(name) and target.size(name) == size:
            moved.already_there.append(name)
            continue
        if not dry_run:
            with path.open("rb") as handle:
                target.save(name, File(handle, name=name))
            if target.size(name) != size:
                raise MoveError(_("%(name)s: kích thước trên S3 khác bản trên đĩa.") % {"name": name})
        moved.copied.append(name)
        moved.bytes_copied += size
    return moved
