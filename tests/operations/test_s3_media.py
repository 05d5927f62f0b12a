"""Media on S3-compatible storage (django-storages) against a real S3 API server on
loopback (moto's standalone server): originals, renditions and documents are kept in
the private bucket, and still reach readers only through our checks, on their portal's
hosts, at our addresses; the local media folder moves into the bucket by command."""

import io
import socket
import subprocess
import time
from pathlib import Path

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import CommandError, call_command
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from core.models import NewsArticlePage

BIN = Path(__import__("sys").executable).parent
BUCKET = "cong-thong-tin-media"
KEYS = {"access_key": "testing", "secret_key": "testing"}


@pytest.fixture(scope="module")
def s3_server():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError("moto_server did not start") from None
            time.sleep(0.1)
    yield endpoint
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def bucket(s3_server, settings):
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=BUCKET)
    settings.MEDIA_S3_BUCKET = BUCKET
    settings.MEDIA_S3_PUBLIC_URLS = False
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "operations.media_storage.PortalS3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "region_name": "us-east-1",
                **KEYS,
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def names(client) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def png() -> io.BytesIO:
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 40), "#345678").save(buffer, "PNG")
    return buffer


def test_pictures_live_in_the_bucket_and_reach_readers_only_through_their_portal(client, demo_province, bucket):
    _province, _dateh, cattien = demo_province
    image = get_image_model().objects.create(
        title="ảnh", collection=cattien.collection, file=ImageFile(png(), name="anh.png")
    )
    rendition = image.get_rendition("fill-30x20")
    assert {image.file.name, rendition.file.name} <= names(bucket)
    assert rendition.url == f"/media/{rendition.file.name}"  # ours, not the bucket's

    served = client.get(rendition.url, HTTP_HOST="cattien.test")
    assert served.status_code == 200
    stored = bucket.get_object(Bucket=BUCKET, Key=rendition.file.name)["Body"].read()
    assert b"".join(served.streaming_content) == stored
    assert client.get(rendition.url, HTTP_HOST="dateh.test").status_code == 404
    assert client.get(f"/media/{image.file.name}", HTTP_HOST="cattien.test").status_code == 404  # originals never
    assert client.get("/media/images/khong-co.png", HTTP_HOST="cattien.test").status_code == 404

    article = NewsArticlePage.objects.descendant_of(cattien.site.root_page).live().first()
    article.featured_image = image
    article.save_revision().publish()
    page = client.get(article.url, HTTP_HOST="cattien.test").content.decode()
    assert "/media/images/" in page and "127.0.0.1" not in page  # no bucket address in pages


def test_documents_in_the_bucket_are_served_only_once_published_and_on_their_hosts(client, demo_province, bucket):
    _province, _dateh, cattien = demo_province
    document = get_document_model().objects.create(
        title="Báo cáo", collection=cattien.collection, file=ContentFile(b"bao cao giam sat", name="bao-cao.txt")
    )
    assert document.file.name in names(bucket)
    assert client.get(document.url, HTTP_HOST="cattien.test").status_code == 404  # no live page uses it yet
    article = NewsArticlePage.objects.descendant_of(cattien.site.root_page).live().first()
    article.body = [("documents", {"heading": "", "documents": [document]})]
    article.save_revision().publish()
    served = client.get(document.url, HTTP_HOST="cattien.test")
    assert served.status_code == 200 and b"".join(served.streaming_content) == b"bao cao giam sat"
    assert client.get(document.url, HTTP_HOST="dateh.test").status_code == 404


def test_the_local_media_folder_moves_into_the_bucket(tmp_path, bucket, settings):
    (tmp_path / "original_images").mkdir()
    (tmp_path / "original_images" / "anh.png").write_bytes(png().getvalue())
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "bao-cao.txt").write_bytes(b"bao cao")
    out = io.StringIO()
    call_command("move_media_to_s3", "--source", str(tmp_path), "--dry-run", stdout=out)
    assert "Would copy 2 files" in out.getvalue() and names(bucket) == set()

    call_command("move_media_to_s3", "--source", str(tmp_path), stdout=out)
    assert names(bucket) == {"original_images/anh.png", "documents/bao-cao.txt"}
    assert bucket.get_object(Bucket=BUCKET, Key="documents/bao-cao.txt")["Body"].read() == b"bao cao"

    again = io.StringIO()
    call_command("move_media_to_s3", "--source", str(tmp_path), stdout=again)
    assert "Copied 0 files" in again.getvalue() and "2 were already there" in again.getvalue()


def test_moving_media_without_a_bucket_configured_refuses_and_explains(tmp_path, settings):
    settings.MEDIA_S3_BUCKET = ""
    with pytest.raises(CommandError, match="MEDIA_S3_BUCKET"):
        call_command("move_media_to_s3", "--source", str(tmp_path))
