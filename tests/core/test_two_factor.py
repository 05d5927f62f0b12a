"""Two-factor sign-in for those who publish: set up once with an authenticator app,
then a code in every new session; editors are not asked."""

import re
import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenants.roles import Role
from tests.factories import member


@pytest.fixture(autouse=True)
def required(settings):
    settings.ADMIN_TWO_FACTOR_ROLES = ["moderator", "provincial_admin"]


def code_for(user, steps_ahead=0) -> str:
    """The code the user's app shows now, or `steps_ahead` time steps later: django-otp
    accepts one step of clock drift but never a code of a step already used, so a second
    sign-in within the same 30 seconds needs the next step's code."""
    device = TOTPDevice.objects.get(user=user)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def test_a_moderator_sets_up_an_app_then_gives_a_code_in_each_new_session(client, dateh):
    moderator = member(dateh, Role.MODERATOR, "dateh.kd.2fa")
    client.force_login(moderator)
    first = client.get("/admin/", HTTP_HOST="dateh.test")
    assert first.status_code == 302 and first["Location"].startswith("/admin/xac-thuc/thiet-lap/")
    setup = client.get(first["Location"], HTTP_HOST="dateh.test")
    html = setup.content.decode()
    assert setup.status_code == 200 and "<svg" in html and "Thiết lập xác thực hai bước" in html
    secret = re.search(r"<code>([A-Z2-7]+)</code>", html).group(1)
    assert len(secret) >= 16
    wrong = client.post(first["Location"], {"code": "000000"}, HTTP_HOST="dateh.test")
    assert wrong.status_code == 400 and "Mã không đúng" in wrong.content.decode()
    time.sleep(1.1)  # a wrong code holds the next try back a second (django-otp's throttle)
    right = client.post(first["Location"], {"code": code_for(moderator)}, HTTP_HOST="dateh.test")
    assert right.status_code == 302 and right["Location"] == "/admin/"
    assert client.get("/admin/", HTTP_HOST="dateh.test").status_code == 200

    client.logout()
    client.force_login(moderator)
    again = client.get("/admin/", HTTP_HOST="dateh.test")
    assert again.status_code == 302 and again["Location"].startswith("/admin/xac-thuc/?")
    assert client.post(again["Location"], {"code": "123456"}, HTTP_HOST="dateh.test").status_code == 400
    time.sleep(1.1)
    # The code of the step the set-up used cannot be used again (django-otp's last_t).
    device = TOTPDevice.objects.get(user=moderator)
    used = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    used.time = device.t0 + device.last_t * device.step
    replayed = client.post(again["Location"], {"code": f"{used.token():06d}"}, HTTP_HOST="dateh.test")
    assert replayed.status_code == 400
    time.sleep(2.1)  # two failures: the next try waits two seconds
    through = client.post(again["Location"], {"code": code_for(moderator, steps_ahead=1)}, HTTP_HOST="dateh.test")
    assert through.status_code == 302 and client.get("/admin/", HTTP_HOST="dateh.test").status_code == 200


def test_an_editor_is_not_asked(client, dateh):
    client.force_login(member(dateh, Role.EDITOR, "dateh.bt.2fa"))
    assert client.get("/admin/", HTTP_HOST="dateh.test").status_code == 200


def test_off_when_no_role_is_listed(client, dateh, settings):
    settings.ADMIN_TWO_FACTOR_ROLES = []
    client.force_login(member(dateh, Role.MODERATOR, "dateh.kd.off"))
    assert client.get("/admin/", HTTP_HOST="dateh.test").status_code == 200
