"""Headless Chromium from Debian's chromium package, driven by Playwright for Python.
Playwright's own browser download is never used: `make test` installs the package, and
a machine without it fails here with the command that fixes it.

Browser work runs in `in_browser` (Playwright's async API inside asyncio.run): the
event loop and its context end with each call, so Django's per-context database
connections in the test thread are never swapped out from under the test.
"""

import asyncio
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# Screenshots and page weights of every built-in theme (the README points here).
SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR", settings.BASE_DIR / "var" / "screenshots"))


def in_browser(check, args=()):
    """Run `await check(browser)` with a fresh headless Chromium (plus command-line `args`)."""
    from playwright.async_api import async_playwright

    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `apt-get install -y chromium fonts-noto-core`.")

    async def run():
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=CHROMIUM,
                # Every portal hostname (*.test) answers on the test server's loopback port.
                args=["--no-sandbox", "--host-resolver-rules=MAP *.test 127.0.0.1", *args],
            )
            try:
                return await check(browser)
            finally:
                await browser.close()

    return asyncio.run(run())


@pytest.fixture
def live_portals(transactional_db, live_server, demo_province_committed, settings):
    """The demo portals served by a real server; portal URLs as a browser types them."""
    from tenants.hosts import RegisteredHosts

    # pytest-django's live server froze ALLOWED_HOSTS into a list before these portals existed.
    settings.ALLOWED_HOSTS = RegisteredHosts()
    port = live_server.url.rsplit(":", 1)[1]
    return lambda host, path="/": f"http://{host}:{port}{path}"
