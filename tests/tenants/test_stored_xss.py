"""Stored XSS: a payload in every text an editor controls (titles, lead, rich text,
captions, alt text, media titles, snippet names, theme settings, header and website
links, the editor's own name) is rendered on the public pages and in the admin views a
provincial admin opens. Nothing may execute: no script element, event handler or
javascript: link made of the payload."""

import io
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from core.models import HomePage, IssuingBody, NewsArticlePage, NewsCategory, NewsIndexPage
from tenants.roles import Role
from themes.models import HeaderLink, ThemeSettings

MARK = "xss7q"  # every payload runs alert("xss7q"): any executable occurrence of it is a hole
PAYLOADS = [
    f'<script>alert("{MARK}")</script>',
    f'"><img src=x onerror=alert("{MARK}")>',
    f'\'><svg onload=alert("{MARK}")>',
    f'javascript:alert("{MARK}")',
]
PAYLOAD = " ".join(PAYLOADS)
EXECUTABLE_SCRIPT_TYPES = ("", "text/javascript", "module", "application/javascript")


class ExecutableFinder(HTMLParser):
    """Collects every place in a page where the mark could run."""

    def __init__(self):
        super().__init__()
        self.holes, self._in_script = [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and (attrs.get("type") or "").lower() in EXECUTABLE_SCRIPT_TYPES:
            self._in_script = True
        for name, value in attrs.items():
            value = value or ""
            if name.startswith("on") and MARK in value:
                self.holes.append(f"<{tag} {name}={value[:60]}>")
            if name in ("href", "src", "action", "formaction") and value.strip().lower().startswith("javascript:"):
                self.holes.append(f"<{tag} {name}={value[:60]}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and MARK in data:
            self.holes.append(f"<script>{data.strip()[:80]}")


def holes_in(html: str) -> list[str]:
    finder = ExecutableFinder()
    finder.feed(html)
    return finder.holes


@pytest.fixture
def poisoned(demo_province):
    """Đạ Tẻh, with the payload in everything its editors and moderators can type."""
    _province, dateh, _cattien = demo_province
    editor = get_user_model().objects.create_user(
        "dateh.xss", password="x", first_name=PAYLOAD[:150], last_name=PAYLOADS[1][:150]
    )
    editor.groups.add(dateh.groups.get(role=Role.EDITOR).group)
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#345678").save(buffer, "PNG")
    image = get_image_model().objects.create(
        title=PAYLOAD[:255], collection=dateh.collection, file=ImageFile(buffer, name="xss.png")
    )
    document = get_document_model().objects.create(
        title=PAYLOAD[:255], collection=dateh.collection, file=ContentFile(b"x", name="xss.txt")
    )
    category = NewsCategory.objects.create(tenant=dateh, name=PAYLOAD[:120])
    IssuingBody.objects.create(tenant=dateh, name=PAYLOAD[:200], symbol="XS")
    news = NewsIndexPage.objects.descendant_of(dateh.site.root_page).get(slug="tin-tuc")
    article = NewsArticlePage(
        title=PAYLOAD[:255],
        slug="bai-xss",
        lead=PAYLOAD,
        featured_image=image,
        body=[
            ("paragraph", f"<p>{PAYLOAD}</p><p><a href='javascript:alert(\"{MARK}\")'>x</a></p>"),
            ("image", {"image": image, "alt_text": PAYLOAD[:250], "caption": PAYLOAD[:500], "credit": PAYLOAD[:120]}),
            ("quote", {"text": PAYLOAD, "source": PAYLOAD[:200]}),
            ("documents", {"heading": PAYLOAD[:120], "documents": [document]}),
            ("callout", {"kind": "info", "heading": PAYLOAD[:120], "text": f"<p>{PAYLOAD}</p>"}),
        ],
    )
    news.add_child(instance=article)
    article.categories.add(category)
    revision = article.save_revision(user=editor)
    revision.publish()
    article.title = f"{PAYLOAD[:200]} sửa"
    article.save_revision(user=editor)  # a second revision, for history and compare
    home = HomePage.objects.get(pk=dateh.site.root_page_id)
    home.sidebar = [
        (
            "website_links",
            {
                "heading": PAYLOAD[:120],
                "display": "list",
                "links": [{"title": PAYLOAD[:120], "url": "https://chinhphu.vn"}],
            },
        ),
        (
            "website_links",
            {"heading": "Chọn", "display": "select", "links": [{"title": PAYLOAD[:120], "url": "https://chinhphu.vn"}]},
        ),
    ]
    home.save_revision(user=editor).publish()
    settings = ThemeSettings.objects.get(site=dateh.site)
    settings.slogan, settings.footer_address, settings.licence_line = PAYLOAD[:255], PAYLOAD[:255], PAYLOAD[:500]
    settings.save()
    HeaderLink.objects.create(settings=settings, title=PAYLOAD[:60], url="/tin-tuc/")
    return dateh, article, image, document, category


def test_no_payload_runs_on_the_public_pages(client, poisoned):
    _dateh, _article, *_ = poisoned
    for path in ("/", "/tin-tuc/", "/tin-tuc/bai-xss/", "/van-ban/", "/tim-kiem/?q=xss7q"):
        response = client.get(path, HTTP_HOST="dateh.test")
        assert response.status_code == 200, path
        assert MARK in response.content.decode(), f"{path} does not show the payload at all"
        assert not holes_in(response.content.decode()), (path, holes_in(response.content.decode()))


def test_no_payload_runs_in_the_provincial_admins_views(client, demo_province, poisoned):
    province, *_ = demo_province
    _dateh, article, image, document, category = poisoned
    admin = get_user_model().objects.create_user("tinh.xss", password="x")
    admin.groups.add(province.groups.get(role=Role.PROVINCIAL_ADMIN).group)
    client.force_login(admin)
    revisions = list(article.revisions.order_by("pk").values_list("pk", flat=True))
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[article.get_parent().pk]),
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        reverse("wagtailadmin_pages:history", args=[article.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[article.pk, revisions[0], revisions[-1]]),
        reverse("wagtailadmin_pages:search") + "?q=xss7q",
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:edit", args=[image.pk]),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:edit", args=[document.pk]),
        reverse("wagtailsnippets_core_newscategory:list"),
        reverse("wagtailsnippets_core_newscategory:edit", args=[category.pk]),
        reverse("wagtailsettings:edit", args=["themes", "themesettings", poisoned[0].site_id]),
        reverse("analytics_index"),
    ]
    shown = 0
    for url in urls:
        response = client.get(url, HTTP_HOST="lamdong.test")
        assert response.status_code == 200, (url, response.status_code)
        html = response.content.decode()
        shown += MARK in html
        assert not holes_in(html), (url, holes_in(html))
    assert shown >= len(urls) - 3  # the payload really was on (nearly) every screen
