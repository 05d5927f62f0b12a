"""Page addresses from Vietnamese titles are ASCII, and a date's slash is a hyphen."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from core.models import NewsArticlePage, NewsIndexPage
from core.slugs import ascii_slugify
from tenants.roles import Role


def test_vietnamese_titles_become_ascii_addresses():
    assert ascii_slugify("Đại hội Đảng bộ xã Đạ Tẻh lần thứ XV") == "dai-hoi-dang-bo-xa-da-teh-lan-thu-xv"
    assert ascii_slugify("Kế hoạch 11/2026") == "ke-hoach-11-2026"


def test_a_page_made_without_a_slug_gets_an_ascii_one(dateh, publish):
    publish(dateh)
    news = NewsIndexPage.objects.child_of(dateh.home_page).get(slug="tin-tuc")  # provisioned with the portal
    article = NewsArticlePage(title="Đại hội Đảng bộ 11/2026")
    news.add_child(instance=article)
    assert article.slug == "dai-hoi-dang-bo-11-2026"


def test_the_admin_slug_field_transliterates_and_keeps_slashes_apart(client, demo_province):
    _province, dateh, _cattien = demo_province
    editor = get_user_model().objects.create_user("dateh.slug", password="x")
    editor.groups.add(dateh.groups.get(role=Role.EDITOR).group)
    client.force_login(editor)
    news = NewsIndexPage.objects.descendant_of(dateh.site.root_page).get()
    html = client.get(
        reverse("wagtailadmin_pages:add", args=["core", "newsarticlepage", news.pk]), HTTP_HOST="dateh.test"
    ).content.decode()
    assert 'data-w-slug-allow-unicode-value="True"' not in html  # False: Django omits the attribute
    assert "data-w-slug-formatters-value" in html
