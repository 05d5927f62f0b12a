"""A moderator signs in through the real login form in Chromium, makes a passkey on a
virtual authenticator (the DevTools WebAuthn domain: a real FIDO2 ceremony, signed and
checked end to end), and in the next session gives it instead of a code. The key is
bound to the host it was made on: on another portal it is not offered."""

import pytest

from core.models import Passkey
from tenants.roles import Role
from tests.factories import member

from .conftest import in_browser

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "mat-khau-du-dai-2026"


async def sign_in(page, url, host="dateh.test"):
    await page.goto(url(host, "/admin/login/"))
    await page.fill("input[name=username]", "dateh.kd.passkey")
    await page.fill("input[name=password]", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_load_state("load")


def test_a_moderator_makes_a_passkey_then_signs_in_with_it(live_portals, dateh, cattien, settings):
    settings.ADMIN_TWO_FACTOR_ROLES = ["moderator", "provincial_admin"]
    moderator = member(dateh, Role.MODERATOR, "dateh.kd.passkey", password=PASSWORD)
    # WebAuthn needs a secure context; the test portals are plain http on loopback.
    origins = ",".join(live_portals(host, "").rstrip("/") for host in ("dateh.test", "cattien.test"))

    async def check(browser):
        context = await browser.new_context(locale="vi-VN")
        page = await context.new_page()
        devtools = await context.new_cdp_session(page)
        await devtools.send("WebAuthn.enable")
        options = {
            "protocol": "ctap2",
            "transport": "internal",
            "hasResidentKey": True,
            "hasUserVerification": True,
            "isUserVerified": True,
            "automaticPresenceSimulation": True,
        }
        authenticator = (await devtools.send("WebAuthn.addVirtualAuthenticator", {"options": options}))[
            "authenticatorId"
        ]

        await sign_in(page, live_portals)
        assert "/admin/xac-thuc/thiet-lap/" in page.url
        setup_text = await page.inner_text("main")
        assert "Cách 1: khóa truy cập" in setup_text and "Passkey" not in setup_text
        await page.click("#passkey-register-button")
        await page.wait_for_url(live_portals("dateh.test", "/admin/"))
        made = await devtools.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
        assert len(made["credentials"]) == 1 and made["credentials"][0]["rpId"] == "dateh.test"

        # A new session: the key, not a code.
        await context.clear_cookies()
        await sign_in(page, live_portals)
        assert "/admin/xac-thuc/?" in page.url
        assert await page.locator("input[name=code]").count() == 0  # no app was set up
        await page.click("#passkey-verification-button")
        await page.wait_for_url(live_portals("dateh.test", "/admin/"))
        dashboard = await page.inner_text("main")

        # Another portal's host: the browser would refuse the key there, so it is not
        # offered; the page links to where it works.
        await context.clear_cookies()
        await sign_in(page, live_portals, "cattien.test")
        assert "/admin/xac-thuc/?" in page.url
        assert await page.locator("#passkey-verification-button").count() == 0
        elsewhere = await page.get_attribute("main ul a", "href")
        return dashboard, elsewhere

    dashboard, elsewhere = in_browser(check, args=[f"--unsafely-treat-insecure-origin-as-secure={origins}"])
    assert "Xác thực hai bước" not in dashboard
    assert elsewhere == live_portals("dateh.test", "/admin/")
    key = Passkey.objects.get(user=moderator)
    assert key.rp_id == "dateh.test" and key.last_used_at is not None
