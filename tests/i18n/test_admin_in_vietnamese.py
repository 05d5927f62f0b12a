"""The admin in Vietnamese: on every main screen of every role, no text a person sees
(or hears from a screen reader) is one of Wagtail's English strings left untranslated,
and every catalog we ship is complete."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from core.models import (
    DirectivePage,
    HomePage,
    InformationItemPage,
    NewsArticlePage,
    NewsIndexPage,
    SupervisionReportPage,
    WorkWeekPage,
)
from tenants.roles import Role

from .admin_text import english_left, vietnamese_share


def screens(province, dateh, role) -> dict[str, str]:
    news = NewsIndexPage.objects.descendant_of(dateh.site.root_page).get()
    procedure = InformationItemPage.objects.descendant_of(dateh.site.root_page).filter(slug="dang-ky-khai-sinh").get()
    week = WorkWeekPage.objects.descendant_of(dateh.site.root_page).first()
    article = NewsArticlePage.objects.child_of(news).first()
    report = SupervisionReportPage.objects.descendant_of(dateh.site.root_page).first()
    home = HomePage.objects.get(pk=dateh.site.root_page_id)
    found = {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore", args=[news.pk]),
        "page search": reverse("wagtailadmin_pages:search") + "?q=dan+van",
        "edit: news article": reverse("wagtailadmin_pages:edit", args=[article.pk]),
        "edit: supervision report": reverse("wagtailadmin_pages:edit", args=[report.pk]),
        "edit: home page": reverse("wagtailadmin_pages:edit", args=[home.pk]),
        "add: news article": reverse("wagtailadmin_pages:add", args=["core", "newsarticlepage", news.pk]),
        "page history": reverse("wagtailadmin_pages:history", args=[article.pk]),
        "images": reverse("wagtailimages:index"),
        "add an image": reverse("wagtailimages:add"),
        "documents": reverse("wagtaildocs:index"),
        "add documents": reverse("wagtaildocs:add_multiple"),
        "snippets": reverse("wagtailsnippets:index"),
        "news categories": reverse("wagtailsnippets_core_newscategory:list"),
        "site history": reverse("wagtailadmin_reports:site_history"),
        "statistics": reverse("analytics_portal", args=[dateh.slug]),
        "account": reverse("wagtailadmin_account"),
        "compliance": reverse("core_compliance"),
        "compliance of a portal": reverse("core_compliance_detail", args=[dateh.slug]),
        "two-step verification": reverse("core_two_factor_devices"),
        "edit: procedure": reverse("wagtailadmin_pages:edit", args=[procedure.pk]),
        "edit: work week": reverse("wagtailadmin_pages:edit", args=[week.pk]),
    }
    if role != Role.EDITOR:
        found["theme settings"] = reverse("wagtailsettings:edit", args=["themes", "themesettings", dateh.site_id])
        found["locked pages"] = reverse("wagtailadmin_reports:locked_pages")
        found["comments on drafts"] = reverse("wagtailsnippets_citizens_draftcomment:list")
        found["summary of comments"] = reverse("citizens_draft_summary")
    if role == Role.PROVINCIAL_ADMIN:
        directive = DirectivePage.objects.descendant_of(province.site.root_page).first()
        found["edit: directive"] = reverse("wagtailadmin_pages:edit", args=[directive.pk])
        found["add a portal"] = reverse("tenants_add_portal")
        found["province statistics"] = reverse("analytics_province", args=[province.slug])
        found["directive tracker"] = reverse("core_tracker")
        found["portals"] = reverse("tenants_portals")
        found["edit a portal"] = reverse("tenants_portal_edit", args=[dateh.slug])
        found["archive a portal"] = reverse("tenants_portal_archive", args=[dateh.slug])
        found["merge portals"] = reverse("tenants_merge_portals")
    return found


def test_the_login_page_is_in_vietnamese(client, demo_province):
    html = client.get(reverse("wagtailadmin_login"), HTTP_HOST="dateh.test").content.decode()
    assert english_left(html) == []
    assert "Đăng nhập" in html and "Mật khẩu" in html


@pytest.mark.parametrize("role", [Role.EDITOR, Role.MODERATOR, Role.PROVINCIAL_ADMIN])
def test_every_main_admin_screen_is_in_vietnamese(client, demo_province, role, capsys):
    province, dateh, _cattien = demo_province
    tenant = province if role == Role.PROVINCIAL_ADMIN else dateh
    user = get_user_model().objects.create_user(f"{tenant.slug}.{role}.vi", password="x")
    user.groups.add(tenant.groups.get(role=role).group)
    client.force_login(user)
    left, shares = {}, []
    for name, url in screens(province, dateh, role).items():
        response = client.get(url, HTTP_HOST="dateh.test")
        assert response.status_code == 200, (name, response.status_code)
        html = response.content.decode()
        shares.append(f"{name} {vietnamese_share(html):.0%}")
        if english := english_left(html):
            left[name] = english
    with capsys.disabled():
        print(f"\n{role}: " + ", ".join(shares))
    assert not left, f"English left on {len(left)} screens: {left}"


def test_the_workflow_actions_are_in_vietnamese(client, demo_province):
    """A moderator reviewing a submitted page: the dashboard panel and the action menu."""
    _province, dateh, _cattien = demo_province
    editor = get_user_model().objects.create_user("dateh.wf.editor", password="x")
    editor.groups.add(dateh.groups.get(role=Role.EDITOR).group)
    moderator = get_user_model().objects.create_user("dateh.wf.moderator", password="x")
    moderator.groups.add(dateh.groups.get(role=Role.MODERATOR).group)
    article = NewsArticlePage.objects.descendant_of(dateh.site.root_page).first()
    article.save_revision(user=editor)
    article.get_workflow().start(article, editor)
    client.force_login(moderator)
    for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_pages:edit", args=[article.pk])):
        html = client.get(url, HTTP_HOST="dateh.test").content.decode()
        assert english_left(html) == [], url
    assert "Phê duyệt" in html and "Yêu cầu chỉnh sửa" in html
