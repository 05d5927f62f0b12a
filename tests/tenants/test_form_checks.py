"""An id of another portal's object in a form field or a StreamField block is refused
on that field, in Vietnamese, never saved and never echoed."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from core.models import DirectiveIndexPage, IssuingBody, NewsArticlePage
from tenants.form_checks import NOT_YOURS
from tenants.roles import Role

from ..factories import directive
from .blackbox import forms_in


def _image(tenant, title):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#654321").save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, collection=tenant.collection, file=ImageFile(buffer, name="x.png")
    )


@pytest.fixture
def editing(client, demo_province):
    _province, dateh, cattien = demo_province
    user = get_user_model().objects.create_user("dateh.forms", password="x")
    user.groups.add(dateh.groups.get(role=Role.EDITOR).group)
    client.force_login(user)
    article = NewsArticlePage.objects.descendant_of(dateh.site.root_page).live().first()
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    return article, url, _edit_form(client, url), _image(cattien, "Ảnh riêng của Cát Tiên")


def _edit_form(client, url) -> dict:
    """The page editor's fields as a browser would send them (the biggest form)."""
    forms = forms_in(client.get(url, HTTP_HOST="dateh.test").content.decode(), url)
    return dict(max((f for f in forms if f.action == url), key=lambda f: len(f.fields)).fields)


def _post(client, url, data):
    return client.post(url, {"body-count": "0", **data}, HTTP_HOST="dateh.test")


def test_a_foreign_image_in_a_field_is_refused_on_the_field(client, editing):
    article, url, fields, foreign = editing
    response = _post(client, url, {**fields, "featured_image": str(foreign.pk)})
    assert response.status_code == 200
    body = response.content.decode()
    assert str(NOT_YOURS) in body and "Ảnh riêng của Cát Tiên" not in body
    article.refresh_from_db()
    assert article.featured_image_id != foreign.pk
    assert article.get_latest_revision().as_object().featured_image_id != foreign.pk


def test_a_foreign_image_in_a_streamfield_block_is_refused(client, editing):
    article, url, fields, foreign = editing
    stream = {
        "body-count": "1",
        "body-0-type": "image",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": "",
        "body-0-value-image": str(foreign.pk),
        "body-0-value-alt_text": "ảnh",
        "body-0-value-caption": "",
        "body-0-value-credit": "",
    }
    response = _post(client, url, {**fields, **stream})
    assert response.status_code == 200
    # Block errors travel to the editor inside the StreamField's JSON.
    assert json.dumps(str(NOT_YOURS))[1:-1] in response.content.decode()
    article.refresh_from_db()
    latest = article.get_latest_revision().as_object()
    assert all(block.block_type != "image" for block in latest.body)


def test_an_own_image_is_accepted(client, editing, demo_province):
    article, url, fields, _foreign = editing
    own = _image(demo_province[1], "Ảnh Đạ Tẻh")
    response = _post(client, url, {**fields, "featured_image": str(own.pk)})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.get_latest_revision().as_object().featured_image_id == own.pk


def test_another_portals_issuing_body_is_neither_accepted_nor_echoed(client, demo_province):
    _province, dateh, cattien = demo_province
    user = get_user_model().objects.create_user("dateh.issuer", password="x")
    user.groups.add(dateh.groups.get(role=Role.EDITOR).group)
    client.force_login(user)
    foreign = IssuingBody.objects.create(tenant=cattien, name="Ban riêng Cát Tiên", symbol="RC")
    index = DirectiveIndexPage.objects.descendant_of(dateh.site.root_page).get()
    own = directive(index, dateh, "07-CT/HU")
    url = reverse("wagtailadmin_pages:edit", args=[own.pk])
    fields = _edit_form(client, url)
    response = client.post(url, {**fields, "issuer": str(foreign.pk)}, HTTP_HOST="dateh.test")
    body = response.content.decode()
    assert response.status_code == 200 and str(NOT_YOURS) in body and "Ban riêng Cát Tiên" not in body
