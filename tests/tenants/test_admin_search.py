"""Searching pages in the admin, as each role, through the real views: the explorer's
search, the page chooser's and the admin API's. Their querysets carry the permission
conditions of tenants.tree_paths, which Wagtail's search must accept (a 500 here was
found by the black-box audit), and they find the user's own portal's pages only."""

import json

import pytest
from django.contrib.auth import get_user_model

from core.models import NewsArticlePage
from tenants.roles import Role

WORD = "khaosatdiaban"


@pytest.fixture
def articles(demo_province, sections, django_capture_on_commit_callbacks):
    _province, dateh, cattien = demo_province
    with django_capture_on_commit_callbacks(execute=True):  # the search index is written after commit
        for tenant in (dateh, cattien):
            index = sections(tenant)[0]
            index.add_child(instance=NewsArticlePage(title=f"{tenant.name} {WORD}", slug=f"{tenant.slug}-{WORD}"))
    return demo_province


def login(client, tenant, role):
    user = get_user_model().objects.create_user(f"{tenant.slug}.{role}.search", password="x")
    user.groups.add(tenant.groups.get(role=role).group)
    client.force_login(user)


SEARCHES = [
    ("/admin/api/main/pages/", {"search": WORD}),
    ("/admin/pages/search/", {"q": WORD}),
    ("/admin/choose-page/search/", {"q": WORD}),
]


@pytest.mark.parametrize("role", [Role.EDITOR, Role.MODERATOR])
@pytest.mark.parametrize(("url", "query"), SEARCHES)
def test_a_district_searches_its_own_pages_only(client, articles, role, url, query):
    _province, dateh, _cattien = articles
    login(client, dateh, role)
    response = client.get(url, query, HTTP_HOST="dateh.test")
    assert response.status_code == 200
    body = response.content.decode()
    if response["Content-Type"].startswith("application/json") and "html" not in json.loads(body):
        body = json.dumps(json.loads(body), ensure_ascii=False)
    assert f"Đạ Tẻh {WORD}" in body and "Cát Tiên" not in body


@pytest.mark.parametrize(("url", "query"), SEARCHES)
def test_a_provincial_admin_searches_every_portal_of_the_province(client, articles, url, query):
    province, _dateh, _cattien = articles
    login(client, province, Role.PROVINCIAL_ADMIN)
    response = client.get(url, query, HTTP_HOST="lamdong.test")
    assert response.status_code == 200
    body = (
        json.dumps(response.json(), ensure_ascii=False)
        if "json" in response["Content-Type"]
        else response.content.decode()
    )
    assert f"Đạ Tẻh {WORD}" in body and f"Cát Tiên {WORD}" in body
