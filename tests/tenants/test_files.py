"""Files follow the portals' rules: a document only on its portal's hosts (and those
below, for the province's), and only once a live page uses it, unless its own editors
ask; originals and documents never straight from /media/."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from core.models import NewsArticlePage
from tenants.roles import Role


def _document(tenant, name):
    return get_document_model().objects.create(
        title=name, collection=tenant.collection, file=ContentFile(b"noi dung " + name.encode(), name=f"{name}.txt")
    )


def _use_on_a_live_page(tenant, document):
    article = NewsArticlePage.objects.descendant_of(tenant.site.root_page).live().first()
    article.body = [("documents", {"heading": "", "documents": [document]})]
    article.save_revision().publish()


@pytest.fixture
def documents(demo_province):
    province, _dateh, cattien = demo_province
    draft = _document(cattien, "du-thao")
    published = _document(cattien, "cong-bo")
    _use_on_a_live_page(cattien, published)
    provincial = _document(province, "cua-tinh")
    _use_on_a_live_page(province, provincial)
    return {"draft": draft, "published": published, "provincial": provincial}


def test_a_document_is_served_once_a_live_page_uses_it_and_only_on_its_hosts(client, documents):
    assert client.get(documents["draft"].url, HTTP_HOST="cattien.test").status_code == 404
    served = client.get(documents["published"].url, HTTP_HOST="cattien.test")
    assert served.status_code == 200 and b"cong-bo" in b"".join(served.streaming_content)
    # Not on a sibling district's host, nor on the province's.
    assert client.get(documents["published"].url, HTTP_HOST="dateh.test").status_code == 404
    assert client.get(documents["published"].url, HTTP_HOST="lamdong.test").status_code == 404
    # The province's documents are shown by its districts.
    assert client.get(documents["provincial"].url, HTTP_HOST="dateh.test").status_code == 200


def test_the_portals_own_editors_may_read_a_draft_document(client, demo_province, documents):
    _province, dateh, cattien = demo_province
    for tenant, expected in ((cattien, 200), (dateh, 404)):
        user = get_user_model().objects.create_user(f"{tenant.slug}.docs", password="x")
        user.groups.add(tenant.groups.get(role=Role.EDITOR).group)
        client.force_login(user)
        assert client.get(documents["draft"].url, HTTP_HOST="cattien.test").status_code == expected


def test_media_serves_renditions_on_their_portals_hosts_and_never_originals(client, demo_province, documents):
    _province, _dateh, cattien = demo_province
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 40), "#345678").save(buffer, "PNG")
    image = get_image_model().objects.create(
        title="ảnh", collection=cattien.collection, file=ImageFile(buffer, name="anh.png")
    )
    rendition = image.get_rendition("fill-30x20")
    assert client.get(f"/media/{rendition.file.name}", HTTP_HOST="cattien.test").status_code == 200
    assert client.get(f"/media/{rendition.file.name}", HTTP_HOST="dateh.test").status_code == 404
    assert client.get(f"/media/{image.file.name}", HTTP_HOST="cattien.test").status_code == 404
    assert client.get(f"/media/{documents['published'].file.name}", HTTP_HOST="cattien.test").status_code == 404
