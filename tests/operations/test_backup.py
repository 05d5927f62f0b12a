"""`manage.py backup` and `restore` on PostgreSQL: a view still in Redis is flushed
into the backup, the restore into a fresh database and media folder matches the
backup table by table and file by file, and bad targets are refused untouched."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image as PILImage
from wagtail.images import get_image_model

from analytics.models import PageViewTotal
from core.models import SupervisionReportPage
from tests.analytics.conftest import visit

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "/tin-tuc/giam-sat-chi-thi-24-ct-tu/"
RESTORED = "portal_restore_test"

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def empty_database():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("backups of PostgreSQL need PostgreSQL (CI runs this on it)")
    admin = "postgresql://postgres@127.0.0.1:5432/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{RESTORED}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{RESTORED}"')
    yield f"postgresql://postgres@127.0.0.1:5432/{RESTORED}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{RESTORED}" WITH (FORCE)')


def restore(folder, database_url, media_root):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "core.settings.dev",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "REDIS_KEY_PREFIX": f"restore-{os.getpid()}",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(folder)], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_a_backup_restores_into_a_fresh_database_and_folder_identically(
    demo_province_committed, tmp_path, empty_database
):
    _province, _dateh, cattien = demo_province_committed
    report = SupervisionReportPage.objects.get(url_path__startswith="/dateh/")
    views_before = PageViewTotal.objects.filter(page_id=report.pk).values_list("views", flat=True).first() or 0
    visit("dateh.test", ARTICLE)  # counted in Redis, not yet in SQL
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#123456").save(buffer, "PNG")
    get_image_model().objects.create(title="ảnh", collection=cattien.collection, file=ImageFile(buffer, "anh.png"))

    folder = tmp_path / "backup"
    call_command("backup", str(folder), stdout=io.StringIO())
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["flushed_views"] >= 1 and any(name.endswith("anh.png") for name in manifest["media"])

    media = tmp_path / "restored-media"
    result = restore(folder, empty_database, media)
    assert result.returncode == 0, result.stderr
    assert "match the backup" in result.stdout
    with psycopg.connect(empty_database) as conn:
        restored_views = conn.execute(
            "SELECT views FROM analytics_pageviewtotal WHERE page_id = %s", [report.pk]
        ).fetchone()[0]
        portals = {row[0] for row in conn.execute("SELECT slug FROM tenants_tenant")}
    assert restored_views == views_before + 1  # the view that was only in Redis
    assert portals == {"lamdong", "dateh", "cattien"}
    assert sorted(p.name for p in media.rglob("*.png")) == sorted(
        Path(name).name for name in manifest["media"] if name.endswith(".png")
    )

    # Once more into the same database: refused, and it is left as it was.
    again = restore(folder, empty_database, tmp_path / "other-media")
    assert again.returncode != 0 and "đã có bảng" in again.stderr
    with psycopg.connect(empty_database) as conn:
        assert conn.execute("SELECT views FROM analytics_pageviewtotal WHERE page_id = %s", [report.pk]).fetchone()[
            0
        ] == (restored_views)


def test_a_backup_refuses_a_folder_that_is_not_empty(db, tmp_path):
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(CommandError, match="đã có dữ liệu"):
        call_command("backup", str(tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == ["old.txt"]
