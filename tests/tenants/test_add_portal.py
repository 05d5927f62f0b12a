"""«Thêm cổng»: a provincial admin creates a district of their own province from the
admin; anyone else is refused; bad input says why and creates nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Collection, Site

from tenants.models import Tenant
from tenants.provisioning import TenantSpec, provision_tenant
from tenants.registry import registry
from tenants.roles import Role

URL = "/admin/cong-thong-tin/them/"


@pytest.fixture
def provincial_admin(demo_province):
    province, *_ = demo_province
    user = get_user_model().objects.create_user("tinh.them", password="x")
    user.groups.add(province.groups.get(role=Role.PROVINCIAL_ADMIN).group)
    return user


def counts():
    return Tenant.objects.count(), Site.objects.count(), Collection.objects.count()


def test_a_provincial_admin_adds_a_district(client, demo_province, provincial_admin):
    province, *_ = demo_province
    client.force_login(provincial_admin)
    assert reverse("tenants_add_portal") == URL
    assert client.get(URL, HTTP_HOST="lamdong.test").status_code == 200
    data = {
        "name": "Bảo Lâm",
        "slug": "baolam",
        "hostname": "baolam.test",
        "parent": province.pk,
        "level": "district",
        "aliases": "www.baolam.test",
    }
    response = client.post(URL, data, HTTP_HOST="lamdong.test")
    assert response.status_code == 302
    baolam = Tenant.objects.get(slug="baolam")
    assert (baolam.parent, baolam.level) == (province, Tenant.Level.DISTRICT)
    assert {g.role for g in baolam.groups.all()} == {Role.EDITOR, Role.MODERATOR}
    assert registry.by_slug("baolam") is not None
    assert client.get("/", HTTP_HOST="baolam.test").status_code == 200  # served at once
    assert client.get("/", HTTP_HOST="www.baolam.test").status_code == 301


def test_since_2025_a_commune_sits_directly_under_its_province(client, demo_province, provincial_admin):
    province, dateh, _cattien = demo_province
    client.force_login(provincial_admin)
    form = client.get(URL, HTTP_HOST="lamdong.test").content.decode()
    assert "Xã / Phường / Đặc khu" in form
    data = {"name": "Phường 1 Bảo Lộc", "slug": "phuong1", "hostname": "phuong1.test", "parent": province.pk}
    assert client.post(URL, {**data, "level": "commune"}, HTTP_HOST="lamdong.test").status_code == 302
    phuong = Tenant.objects.get(slug="phuong1")
    assert (phuong.parent, phuong.level) == (province, Tenant.Level.COMMUNE)
    assert client.get("/", HTTP_HOST="phuong1.test").status_code == 200
    # A commune under a (remaining) district still works; nothing sits under a commune.
    xa = {"name": "Xã Quốc Oai", "slug": "quocoai", "hostname": "quocoai.test", "level": "commune"}
    assert client.post(URL, {**xa, "parent": dateh.pk}, HTTP_HOST="lamdong.test").status_code == 302
    with pytest.raises(Exception, match="không thể thuộc"):
        provision_tenant(TenantSpec(name="Thôn", slug="thon", hostname="thon.test", parent="phuong1", level="commune"))
    with pytest.raises(Exception, match="không thể thuộc"):
        provision_tenant(
            TenantSpec(name="Huyện", slug="huyen", hostname="huyen.test", parent="dateh", level="district")
        )


def test_bad_input_says_why_and_creates_nothing(client, demo_province, provincial_admin):
    province, *_ = demo_province
    client.force_login(provincial_admin)
    before = counts()
    taken = {"name": "Trùng", "slug": "trung", "hostname": "dateh.test", "parent": province.pk, "level": "commune"}
    response = client.post(URL, taken, HTTP_HOST="lamdong.test")
    assert response.status_code == 400
    # In Vietnamese, on the field it concerns.
    assert "Tên miền dateh.test đã được cổng «Đạ Tẻh» (dateh) dùng." in response.content.decode()
    assert response.context["form"].errors["hostname"] == ["Tên miền dateh.test đã được cổng «Đạ Tẻh» (dateh) dùng."]
    bad_slug = {"name": "Sai", "slug": "Sai Mã", "hostname": "sai.test", "parent": province.pk, "level": "commune"}
    assert client.post(URL, bad_slug, HTTP_HOST="lamdong.test").status_code == 400
    assert counts() == before


def test_only_the_provinces_admins_may_add_and_only_under_their_province(client, demo_province, provincial_admin):
    _province, dateh, _cattien = demo_province
    other = provision_tenant(TenantSpec(name="Đắk Nông", slug="daknong", hostname="daknong.test")).tenant
    moderator = get_user_model().objects.create_user("dateh.them", password="x")
    moderator.groups.add(dateh.groups.get(role=Role.MODERATOR).group)
    client.force_login(moderator)
    refused = client.get(URL, HTTP_HOST="dateh.test")  # Wagtail: back to the dashboard, with a message
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")

    client.force_login(provincial_admin)
    form = client.get(URL, HTTP_HOST="lamdong.test").content.decode()
    assert "Đắk Nông" not in form and "Đạ Tẻh" in form  # communes may go under its districts
    before = counts()
    response = client.post(
        URL, {"name": "Lạ", "slug": "la", "hostname": "la.test", "parent": other.pk}, HTTP_HOST="lamdong.test"
    )
    assert response.status_code == 400 and counts() == before
