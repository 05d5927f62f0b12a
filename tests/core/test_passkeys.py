"""Passkeys as the second factor, through the real views: each key belongs to the
portal host it was made on and is offered only there; a password alone can never add
a factor; a key list of one's own, where the last required factor cannot be removed.
The ceremonies themselves, with a real authenticator, are in tests/e2e/test_passkeys_in_browser.py."""

import json

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import Passkey
from tenants.roles import Role
from tests.factories import member


@pytest.fixture(autouse=True)
def required(settings):
    settings.ADMIN_TWO_FACTOR_ROLES = ["moderator", "provincial_admin"]


def key(user, host, n=1):
    return Passkey.objects.create(
        user=user, rp_id=host, name="Khóa truy cập", credential_id=bytes([n]) * 16, public_key=b"k" * 32, confirmed=True
    )


def verified(client, user, host):
    """A session that has given its second factor (as after the key or the code)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(user)
    session = client.session
    device = Passkey.objects.filter(user=user).first() or TOTPDevice.objects.get(user=user)
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def test_a_password_alone_cannot_add_a_factor_to_an_account_that_has_a_key(client, dateh):
    moderator = member(dateh, Role.MODERATOR, "dateh.kd.key")
    key(moderator, "dateh.test")
    client.force_login(moderator)
    setup = client.get("/admin/xac-thuc/thiet-lap/", HTTP_HOST="dateh.test")
    assert setup.status_code == 302 and setup["Location"].startswith("/admin/xac-thuc/?")
    assert not TOTPDevice.objects.filter(user=moderator).exists()
    begin = client.post("/admin/xac-thuc/khoa/registration/begin/", HTTP_HOST="dateh.test")
    assert begin.status_code == 403 and "xác thực hai bước" in begin.json()["detail"]


def test_the_first_factor_can_be_a_key_and_its_options_name_this_host(client, dateh):
    moderator = member(dateh, Role.MODERATOR, "dateh.kd.first")
    client.force_login(moderator)
    page = client.get("/admin/xac-thuc/thiet-lap/?next=/admin/pages/", HTTP_HOST="dateh.test")
    html = page.content.decode()
    assert page.status_code == 200 and "Cách 1: khóa truy cập" in html and "dateh.test" in html
    assert 'name="next" value="/admin/pages/"' in html
    options = client.post("/admin/xac-thuc/khoa/registration/begin/", HTTP_HOST="dateh.test").json()
    assert options["rp"] == {"name": "Đạ Tẻh", "id": "dateh.test"}
    assert options["user"]["name"] == "dateh.kd.first"


def test_keys_are_offered_only_on_the_host_they_were_made_on(client, province, dateh):
    admin = member(province, Role.PROVINCIAL_ADMIN, "lamdong.qt.key")
    key(admin, "lamdong.test", 1)
    key(admin, "dateh.test", 2)
    client.force_login(admin)
    options = client.post("/admin/xac-thuc/khoa/authentication/begin/", HTTP_HOST="dateh.test").json()
    assert options["rpId"] == "dateh.test"
    assert [c["id"] for c in options["allowCredentials"]] == ["AgICAgICAgICAgICAgICAg"]  # key 2 only


def test_on_a_host_without_a_key_the_verify_page_says_where_the_keys_work(client, province, dateh):
    admin = member(province, Role.PROVINCIAL_ADMIN, "lamdong.qt.elsewhere")
    key(admin, "lamdong.test")
    client.force_login(admin)
    first = client.get("/admin/", HTTP_HOST="dateh.test")
    assert first.status_code == 302 and first["Location"].startswith("/admin/xac-thuc/?")
    html = client.get(first["Location"], HTTP_HOST="dateh.test").content.decode()
    assert 'href="http://lamdong.test/admin/"' in html and "passkey-verification-button" not in html
    assert 'name="code"' not in html  # no app to ask a code of
    here = client.get(first["Location"], HTTP_HOST="lamdong.test").content.decode()
    assert "passkey-verification-button" in here and "lamdong.test/admin/" not in here


def test_the_key_list_is_ones_own_and_keeps_the_last_required_factor(client, dateh, cattien):
    moderator = member(dateh, Role.MODERATOR, "dateh.kd.list")
    other = member(cattien, Role.MODERATOR, "cattien.kd.list")
    mine, theirs = key(moderator, "dateh.test", 1), key(other, "cattien.test", 2)
    verified(client, moderator, "dateh.test")
    listing = client.get("/admin/xac-thuc/phuong-thuc/", HTTP_HOST="dateh.test")
    html = listing.content.decode()
    assert listing.status_code == 200 and "dateh.test" in html and "cattien.test" not in html
    account = client.get("/admin/account/", HTTP_HOST="dateh.test").content.decode()
    assert "/admin/xac-thuc/phuong-thuc/" in account

    # Another official's key: not found, not removed.
    foreign = client.post("/admin/xac-thuc/phuong-thuc/", {"kind": "key", "id": theirs.pk}, HTTP_HOST="dateh.test")
    assert foreign.status_code == 404 and Passkey.objects.filter(pk=theirs.pk).exists()
    junk = client.post("/admin/xac-thuc/phuong-thuc/", {"kind": "x", "id": "y"}, HTTP_HOST="dateh.test", follow=True)
    assert junk.status_code == 200 and "Không rõ cần gỡ gì" in junk.content.decode()
    last = client.post(
        "/admin/xac-thuc/phuong-thuc/", {"kind": "key", "id": mine.pk}, HTTP_HOST="dateh.test", follow=True
    )
    assert "Không gỡ được phương thức cuối cùng" in last.content.decode()
    assert Passkey.objects.filter(pk=mine.pk).exists()

    second = key(moderator, "dateh.test", 3)
    removed = client.post(
        "/admin/xac-thuc/phuong-thuc/", {"kind": "key", "id": mine.pk}, HTTP_HOST="dateh.test", follow=True
    )
    assert "Đã gỡ" in removed.content.decode()
    assert list(Passkey.objects.filter(user=moderator)) == [second]


def test_the_ceremony_views_answer_bad_input_with_a_clear_4xx(client, dateh):
    moderator = member(dateh, Role.MODERATOR, "dateh.kd.junk")
    client.force_login(moderator)
    url = "/admin/xac-thuc/khoa/registration/complete/"
    no_state = client.post(url, json.dumps({"id": "x"}), content_type="application/json", HTTP_HOST="dateh.test")
    assert no_state.status_code in (400, 422) and no_state.json()["detail"]
    client.post("/admin/xac-thuc/khoa/registration/begin/", HTTP_HOST="dateh.test")
    junk = client.post(url, "{not json", content_type="application/json", HTTP_HOST="dateh.test")
    assert 400 <= junk.status_code < 500
    assert not Passkey.objects.filter(user=moderator).exists()
