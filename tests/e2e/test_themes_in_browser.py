"""Each built-in theme's home, article and directive lookup, opened in Chromium at a
phone's width and a desktop's: no WCAG 2.1 AA violation (axe-core), no request to
another host, under 200 KB of HTML, CSS and JS (compressed) before images. Screenshots
and weights are written to SCREENSHOT_DIR (README: «Ảnh chụp giao diện»)."""

import gzip
import json
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.async_playwright import Axe
from django.core.cache import cache
from wagtail.models import Page

from core.demo_content.english import translate_portal
from themes.models import ThemeSettings

from .conftest import SCREENSHOT_DIR, in_browser

# The server thread needs committed data; the root page and collection that migrations
# made must come back after each test's flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTHS = {"phone": (375, 812), "desktop": (1280, 900)}
# One portal per built-in theme, and the pages a citizen opens on each.
PORTALS = {
    "classic": ("dateh.test", "/tin-tuc/giam-sat-chi-thi-24-ct-tu/"),
    "modern": ("cattien.test", "/tin-tuc/hoi-nghi-so-ket-cong-tac-dan-van-6-thang-dau-nam/"),
    "contrast": ("lamdong.test", "/tin-tuc/tinh-uy-trien-khai-chuyen-doi-so/"),
}
LOOKUP = "/van-ban/?so=24-CT"
AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WEIGHT_BUDGET = 200 * 1024
TEXT_TYPES = ("text/html", "text/css", "javascript", "font", "json")
FONT_SIZE = "parseFloat(getComputedStyle(document.documentElement).fontSize)"
SLOGAN = "getComputedStyle(document.querySelector('.slogan-track p'))"


def describe(violations):
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in violations
    )


@pytest.fixture
def themed_portals(live_portals, demo_province_committed):
    """Đạ Tẻh classic, Cát Tiên modern, the province high-contrast."""
    province, *_ = demo_province_committed
    ThemeSettings.objects.filter(site=province.site).update(theme="contrast")
    cache.clear()  # the settings cache: the update above sent no signal
    return live_portals


async def check_page(page, url, theme, seen):
    seen.update(requests=[], text_bytes=[], failed=[])
    response = await page.goto(url, wait_until="load")
    assert response.status == 200, url
    assert f"theme-{theme}" in await page.locator("body").get_attribute("class")
    host = urlsplit(url).hostname
    foreign = [u for u in seen["requests"] if urlsplit(u).hostname not in (host, None) and not u.startswith("data:")]
    assert not foreign, f"{url} asked another host for {foreign}"
    assert not seen["failed"], f"{url}: broken sub-requests {seen['failed']}"
    weight = sum(seen["text_bytes"])
    assert weight < WEIGHT_BUDGET, f"{url}: {weight} bytes of HTML/CSS/JS"
    overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{url} scrolls sideways by {overflow}px"
    results = await Axe().run(page, options={"runOnly": {"type": "tag", "values": AA_TAGS}})
    violations = results.response["violations"]
    assert not violations, f"{url}:\n{describe(violations)}"
    return {"compressed_text_bytes": weight, "requests": len(seen["requests"])}


def test_every_theme_passes_axe_stays_on_its_host_and_is_light(themed_portals):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)

    async def check(browser):
        weights = {}
        for theme, (host, article) in PORTALS.items():
            for width, height in WIDTHS.values():
                context = await browser.new_context(viewport={"width": width, "height": height})
                page = await context.new_page()
                seen = {"requests": [], "text_bytes": [], "failed": []}

                async def on_response(response, seen=seen):
                    if response.status >= 400:
                        seen["failed"].append((response.status, response.url))
                    if any(t in response.headers.get("content-type", "") for t in TEXT_TYPES):
                        seen["text_bytes"].append(len(gzip.compress(await response.body())))

                page.on("request", lambda request, seen=seen: seen["requests"].append(request.url))
                page.on("response", on_response)
                for page_name, path in (("home", "/"), ("article", article), ("lookup", LOOKUP)):
                    weights[f"{theme}/{page_name}/{width}"] = await check_page(
                        page, themed_portals(host, path), theme, seen
                    )
                    await page.screenshot(path=str(SCREENSHOT_DIR / f"{theme}-{page_name}-{width}.png"))
                await context.close()
        return weights

    weights = in_browser(check)
    (SCREENSHOT_DIR / "weights.json").write_text(json.dumps(weights, indent=2, sort_keys=True) + "\n")
    assert len(weights) == len(PORTALS) * len(WIDTHS) * 3


def test_reader_controls_work_in_a_real_browser(themed_portals):
    article = themed_portals("dateh.test", "/tin-tuc/giam-sat-chi-thi-24-ct-tu/")

    async def check(browser):
        context = await browser.new_context(viewport={"width": 320, "height": 700})
        page = await context.new_page()
        await page.goto(article)
        assert await page.evaluate("document.documentElement.scrollWidth") <= 320

        # Keyboard: the first Tab lands on the skip link, visibly outlined.
        await page.keyboard.press("Tab")
        focused = await page.evaluate(
            "[document.activeElement.className, getComputedStyle(document.activeElement).outlineStyle]"
        )
        assert focused == ["skip-link", "solid"]

        # Text size A+ grows the text and is remembered on the next page.
        base = await page.evaluate(FONT_SIZE)
        await page.get_by_role("button", name="Tăng cỡ chữ").click()
        bigger = await page.evaluate(FONT_SIZE)
        assert bigger > base
        await page.goto(themed_portals("dateh.test", "/"))
        assert await page.evaluate(FONT_SIZE) == bigger

        # The slogan scrolls, and its pause box stops it.
        assert await page.evaluate(f"{SLOGAN}.animationPlayState") == "running"
        await page.locator(".slogan-pause input").check()
        await page.mouse.move(0, 650)  # hovering pauses too: move away to see the box's own effect
        assert await page.evaluate(f"{SLOGAN}.animationPlayState") == "paused"
        await context.close()

        # Readers who ask for less motion get a still banner.
        still = await browser.new_context(viewport={"width": 375, "height": 700}, reduced_motion="reduce")
        page = await still.new_page()
        await page.goto(article)
        assert await page.evaluate(f"{SLOGAN}.animationName") == "none"

        # Printing shows the article alone.
        await page.emulate_media(media="print")
        assert await page.locator(".site-header").is_hidden()
        assert await page.locator("h1").is_visible()
        await still.close()

    in_browser(check)


def test_website_links_select_works_with_javascript_off(themed_portals):
    async def check(browser):
        context = await browser.new_context(java_script_enabled=False)
        page = await context.new_page()
        await page.route("https://dichvucong.gov.vn/**", lambda route: route.abort())  # stay offline
        await page.goto(themed_portals("dateh.test", "/"))
        await page.locator(".link-select select").select_option(label="Cổng Dịch vụ công quốc gia")
        async with page.expect_response(lambda r: "/lien-ket/" in r.url) as answer:
            await page.locator(".link-select button").click(no_wait_after=True)
        response = await answer.value
        await context.close()
        return response.status, response.headers.get("location")

    assert in_browser(check) == (302, "https://dichvucong.gov.vn")


def test_the_accessibility_check_catches_a_planted_violation():
    """Guards the checks above against passing because axe did not run."""

    async def check(browser):
        page = await browser.new_page()
        await page.set_content('<html lang="vi"><body><main><img src="x.png"><p style="color:#aaa">Mờ</p></main>')
        results = await Axe().run(page, options={"runOnly": {"type": "tag", "values": AA_TAGS}})
        return {v["id"] for v in results.response["violations"]}

    assert {"image-alt", "color-contrast"} <= in_browser(check)


def test_the_english_version_passes_axe_too(themed_portals, demo_province_committed):
    """/en/ of a portal that offers English: the home and the organisation page, made
    through wagtail-localize as the demo does, in English, at both widths."""
    _province, dateh, _cattien = demo_province_committed
    translate_portal(dateh)
    english_pages = []
    for page in Page.objects.filter(locale__language_code="en", path__startswith=dateh.site.root_page.path[:4]):
        page = page.specific
        if not page.live:
            page.save_revision().publish()
        english_pages.append(Page.objects.get(pk=page.pk))
    paths = sorted(p.get_url_parts()[2] for p in english_pages)
    assert "/en/" in paths and len(paths) >= 2, paths

    async def check(browser):
        checked = []
        for width, height in WIDTHS.values():
            context = await browser.new_context(viewport={"width": width, "height": height})
            page = await context.new_page()
            seen = {"requests": [], "text_bytes": [], "failed": []}
            page.on("request", lambda request, seen=seen: seen["requests"].append(request.url))
            for path in paths:
                await check_page(page, themed_portals("dateh.test", path), "classic", seen)
                assert await page.locator("html").get_attribute("lang") == "en"
                checked.append(path)
            await context.close()
        return checked

    assert len(in_browser(check)) == len(paths) * len(WIDTHS)


def test_the_sections_the_law_requires_pass_axe_on_a_phone_and_a_desktop(themed_portals):
    """The pages added for Decree 42 (procedures, an item with its link, the work
    calendar, an album, the organisation with its leaders and units, the HTML site map,
    a draft under consultation and its comment form)
    in each built-in theme: no WCAG 2.1 AA violation, nothing wider than the screen."""
    paths = [
        "/thu-tuc-hanh-chinh/",
        "/thu-tuc-hanh-chinh/dang-ky-khai-sinh/",
        "/lich-cong-tac/",
        "/thu-vien-anh-video/",
        "/thu-vien-anh-video/phong-canh-que-huong/",
        "/gioi-thieu/",
        "/so-do-trang/",
        "/lay-y-kien-du-thao/du-thao-quy-che-tiep-cong-dan/",
        "/lay-y-kien-du-thao/du-thao-quy-che-tiep-cong-dan/gop-y/",
    ]

    async def check(browser):
        checked = 0
        for theme, (host, _article) in PORTALS.items():
            for width, height in WIDTHS.values():
                context = await browser.new_context(viewport={"width": width, "height": height})
                page = await context.new_page()
                seen = {"requests": [], "text_bytes": [], "failed": []}
                page.on("request", lambda request, seen=seen: seen["requests"].append(request.url))
                for path in paths:
                    await check_page(page, themed_portals(host, path), theme, seen)
                    checked += 1
                await context.close()
        return checked

    assert in_browser(check) == len(paths) * len(PORTALS) * len(WIDTHS)


# The sum of unexpected layout shifts while the page loads and settles (Chrome's CLS).
LAYOUT_SHIFT = """new Promise(resolve => { let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) { if (!e.hadRecentInput) total += e.value; } })
    .observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 2000); })"""


def test_articles_do_not_move_while_they_load_on_a_phone(themed_portals):
    """Cumulative layout shift under 0.1 (Core Web Vitals' «good») for each theme's
    article at a phone's width: controls that portal.js turns on keep their space."""

    async def check(browser):
        shifts = {}
        for theme, (host, article) in PORTALS.items():
            context = await browser.new_context(viewport=dict(zip(("width", "height"), WIDTHS["phone"], strict=True)))
            page = await context.new_page()
            await page.goto(themed_portals(host, article), wait_until="load")
            shifts[theme] = await page.evaluate(LAYOUT_SHIFT)
            await context.close()
        return shifts

    shifts = in_browser(check)
    assert all(value < 0.1 for value in shifts.values()), shifts
