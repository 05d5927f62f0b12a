"""deploy/nginx/ in front of the platform, with Debian's nginx on loopback: routing by
Host, the reader's address as analytics sees it, static files, files checked by Django
and sent by nginx, TLS, request size limits, /metrics refused."""

import http.client
import io
import ssl

import pytest
import requests
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from tests.operations.nginx_front import nginx_front
from tests.tenants.blackbox import serving
from tests.tenants.test_files import _document, _use_on_a_live_page

ARTICLE = "/tin-tuc/giam-sat-chi-thi-24-ct-tu/"
PHONE = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def nginx(tmp_path, settings, demo_province_committed):
    """nginx from deploy/nginx/, in front of the app served in this process's threads."""
    settings.ANALYTICS_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.FILES_X_ACCEL_PREFIX = "/_protected_media/"
    settings.SENDFILE_BACKEND = "tenants.files"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    static = tmp_path / "static"
    (static / "core").mkdir(parents=True)
    (static / "core" / "marker.css").write_text("body{}")
    from core.wsgi import application

    with serving(application) as upstream, nginx_front(tmp_path, upstream, static, settings.MEDIA_ROOT) as front:
        yield {**front, "portals": demo_province_committed}


def get(front, host, path, **kwargs):
    return requests.get(front["http"] + path, headers={"Host": host, "User-Agent": PHONE}, timeout=30, **kwargs)


def views_shown(html: str) -> int:
    return int(html.split("Lượt xem: ")[1].split("<")[0].replace(".", ""))


def from_address(front, address: str, host: str, path: str) -> str:
    """A GET whose connection comes from `address` (any 127.x is loopback)."""
    connection = http.client.HTTPConnection("127.0.0.1", front["port"], timeout=30, source_address=(address, 0))
    connection.request("GET", path, headers={"Host": host, "User-Agent": PHONE})
    return connection.getresponse().read().decode()


def test_nginx_routes_by_host_and_passes_the_readers_address_and_a_request_id(nginx):
    dateh, cattien = get(nginx, "dateh.test", "/"), get(nginx, "cattien.test", "/")
    assert dateh.status_code == cattien.status_code == 200
    assert "Đạ Tẻh" in dateh.text and "Cát Tiên" in cattien.text
    assert len(dateh.headers["X-Request-ID"]) == 32  # nginx's $request_id, kept by Django
    assert get(nginx, "nowhere.test", "/").status_code == 404
    # Two readers with the same phone model behind the same nginx are two readers.
    first = views_shown(from_address(nginx, "127.0.0.5", "dateh.test", ARTICLE))
    second = views_shown(from_address(nginx, "127.0.0.6", "dateh.test", ARTICLE))
    again = views_shown(from_address(nginx, "127.0.0.6", "dateh.test", ARTICLE))  # a reload
    assert second == first + 1 and again == second


def test_nginx_serves_static_files_and_refuses_metrics_and_big_bodies(nginx):
    static = get(nginx, "dateh.test", "/static/core/marker.css")
    assert static.status_code == 200 and static.text == "body{}" and "immutable" in static.headers["Cache-Control"]
    assert get(nginx, "dateh.test", "/metrics").status_code == 403
    assert get(nginx, "dateh.test", "/_protected_media/original_images/x.png").status_code == 404
    big = requests.post(
        nginx["http"] + "/admin/login/", headers={"Host": "dateh.test"}, data=b"x" * (26 * 1024 * 1024), timeout=60
    )
    assert big.status_code == 413


def test_files_are_checked_by_django_and_sent_by_nginx(nginx):
    _province, dateh, cattien = nginx["portals"]
    published = _document(cattien, "cong-bo")
    _use_on_a_live_page(cattien, published)
    draft = _document(cattien, "du-thao")
    served = get(nginx, "cattien.test", published.url)
    assert served.status_code == 200 and served.content == b"noi dung cong-bo"
    assert (
        "X-Accel-Redirect" not in served.headers and served.headers["Content-Security-Policy"] == "default-src 'none'"
    )
    assert get(nginx, "dateh.test", published.url).status_code == 404
    assert get(nginx, "cattien.test", draft.url).status_code == 404
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 40), "#345678").save(buffer, "PNG")
    image = get_image_model().objects.create(title="ảnh", collection=dateh.collection, file=ImageFile(buffer, "a.png"))
    rendition = image.get_rendition("fill-30x20")
    picture = get(nginx, "dateh.test", f"/media/{rendition.file.name}")
    assert picture.status_code == 200 and picture.headers["Content-Type"] == "image/png"
    assert picture.content == rendition.file.open("rb").read()
    assert get(nginx, "cattien.test", f"/media/{rendition.file.name}").status_code == 404
    assert get(nginx, "dateh.test", f"/media/{image.file.name}").status_code == 404


def test_nginx_terminates_tls_and_django_knows_the_request_is_secure(nginx):
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    port = int(nginx["https"].rsplit(":", 1)[1])

    def over_tls():
        connection = http.client.HTTPSConnection("127.0.0.1", port, timeout=30, context=context)
        connection.request("GET", "/tin-tuc/", headers={"Host": "dateh.test", "User-Agent": PHONE})
        response = connection.getresponse()
        return response.status, response.getheader("X-Cache"), response.read().decode()

    for _ in range(2):
        assert get(nginx, "dateh.test", "/tin-tuc/").status_code == 200
    assert get(nginx, "dateh.test", "/tin-tuc/").headers["X-Cache"] == "HIT"
    # X-Forwarded-Proto reached Django: the https page is a page of its own in the cache
    status, cache, body = over_tls()
    assert status == 200 and cache == "MISS" and "Đạ Tẻh" in body
    assert over_tls()[1] == "HIT"
