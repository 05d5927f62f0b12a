"""What each page says to search engines and link previews (core.metadata): a clean
title, a description, Open Graph and Twitter tags, the portal's feeds on every page,
a favicon; headings in order on the news list; the text-size buttons named by their
visible text (WCAG 2.5.3). Two portals: each page speaks of its own."""

import itertools
import re

import pytest

from core.models import NewsArticlePage

pytestmark = pytest.mark.usefixtures("demo_province")


def meta(html: str, name: str) -> str | None:
    found = re.search(rf'<meta (?:name|property)="{re.escape(name)}" content="([^"]*)"', html)
    return found.group(1) if found else None


def test_an_article_describes_itself_and_its_portal(client, dateh):
    article = NewsArticlePage.objects.live().descendant_of(dateh.site.root_page).first()
    html = client.get(article.url, HTTP_HOST="dateh.test").content.decode()
    assert f"<title>{article.title} | Đạ Tẻh</title>" in html
    assert meta(html, "description") and meta(html, "description") in " ".join(article.lead.split())[:160] + "…"
    assert meta(html, "og:title") == article.title and meta(html, "og:type") == "article"
    assert meta(html, "og:site_name") == "Đạ Tẻh" and meta(html, "og:locale") == "vi_VN"
    assert meta(html, "og:url").startswith("http://dateh.test") and meta(html, "twitter:card")
    assert 'type="application/rss+xml"' in html and "/tin-tuc/rss/" in html
    assert '<link rel="icon"' in html
    assert "Cát Tiên" not in (meta(html, "og:site_name") or "")


def test_the_home_page_title_names_the_portal_once_and_lists_the_feeds(client, cattien):
    html = client.get("/", HTTP_HOST="cattien.test").content.decode()
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert title.count("Cát Tiên") == 1
    assert meta(html, "og:type") == "website" and meta(html, "description")
    assert "/tin-tuc/rss/" in html


def test_favicon_and_headings_and_button_names(client, dateh):
    icon = client.get("/favicon.ico", HTTP_HOST="dateh.test")
    assert icon.status_code == 301 and icon["Location"].endswith(".svg")
    news = client.get("/tin-tuc/", HTTP_HOST="dateh.test").content.decode()
    levels = [int(level) for level in re.findall(r"<h([1-6])", news.split("<main", 1)[1].split("</main>", 1)[0])]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))
    buttons = re.findall(r'<button type="button" data-text-size="[^"]+"([^>]*)>(A[-+]?)<span', news)
    assert len(buttons) == 3 and all("aria-label" not in attributes for attributes, _text in buttons)
