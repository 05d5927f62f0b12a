"""The cross-tenant matrix. A canary is planted in every kind of Cát Tiên (portal B)
object; then, as a Đạ Tẻh (portal A) editor and as a Đạ Tẻh moderator, every admin
and document URL pattern the resolver knows is requested with B's ids, by GET and by
POST. No response may contain the canary, and B's objects must be unchanged after.
A newly added admin view is covered without touching this test."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tenants.roles import Role

from .isolation import CANARY, concrete_urls, plant, snapshot, url_patterns

MODEL_LABELS = [
    ("core", "newscategory"),
    ("core", "issuingbody"),
    ("themes", "themesettings"),
    ("wagtailimages", "image"),
    ("wagtaildocs", "document"),
    ("wagtailcore", "page"),
    ("core", "newsarticlepage"),
    ("auth", "user"),
    ("auth", "group"),
]


@pytest.fixture
def planted(demo_province):
    _province, _dateh, cattien = demo_province
    users = []
    for role in (Role.EDITOR, Role.MODERATOR):
        user = get_user_model().objects.create_user(f"cattien.{role}", password="x")
        user.groups.add(cattien.groups.get(role=role).group)
        users.append(user)
    return plant(cattien, users)


def signed_in(tenant, role, username):
    """A client signed in as a new member of `tenant` with `role`; a server error is
    returned as a 500 response (and counted) instead of raised."""
    user = get_user_model().objects.create_user(username, password="x")
    user.groups.add(tenant.groups.get(role=role).group)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


# The URL patterns are tried in SHARDS parts (every pattern in exactly one: its position
# modulo SHARDS), so that parallel test processes share the matrix's minutes.
SHARDS = 4


@pytest.mark.slow
@pytest.mark.parametrize("shard", range(SHARDS), ids=lambda n: f"part{n + 1}of{SHARDS}")
@pytest.mark.parametrize("role", [Role.EDITOR, Role.MODERATOR])
def test_a_district_never_sees_or_changes_another_districts_admin_objects(demo_province, planted, role, shard):
    _province, dateh, cattien = demo_province
    client = signed_in(dateh, role, f"dateh.{role}")

    leaks, errors, tried, patterns = [], [], 0, 0
    for position, (route, name, _pattern) in enumerate(url_patterns()):
        if position % SHARDS != shard:
            continue
        patterns += 1
        for url in concrete_urls(route, planted.ids, MODEL_LABELS):
            for method in ("get", "post"):
                tried += 1
                response = getattr(client, method)(url, HTTP_HOST="dateh.test")
                body = b"".join(response.streaming_content) if response.streaming else response.content
                if response.status_code >= 500:
                    errors.append(f"{method.upper()} {url} ({name}) {response.status_code}")
                if CANARY.encode() in body or CANARY.lower().encode() in body:
                    leaks.append(f"{method.upper()} {url} ({name}) {response.status_code}")
    print(f"\n{role}, part {shard + 1} of {SHARDS}: {patterns} URL patterns, {tried} requests with Cát Tiên's ids")
    assert snapshot(cattien) == planted.snapshot, "a request changed Cát Tiên's objects"
    assert not leaks, f"{len(leaks)} responses show Cát Tiên's objects:\n" + "\n".join(leaks)
    assert not errors, f"{len(errors)} server errors:\n" + "\n".join(errors)


@pytest.mark.parametrize("role", [Role.EDITOR, Role.MODERATOR])
def test_forms_of_ones_own_portal_offer_nothing_of_another(demo_province, planted, role):
    """Select boxes and choosers in Đạ Tẻh's own forms list no Cát Tiên row."""
    from django.urls import reverse
    from wagtail.models import Page

    _province, dateh, _cattien = demo_province
    client = signed_in(dateh, role, f"dateh.forms.{role}")
    pages = Page.objects.descendant_of(dateh.site.root_page, inclusive=True).specific()
    urls = [reverse("wagtailadmin_pages:edit", args=[page.pk]) for page in pages]
    for page in pages:
        for model in page.specific_class.creatable_subpage_models():
            urls.append(
                reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, page.pk])
            )
    urls += [
        reverse("wagtailsnippets_core_newscategory:add"),
        reverse("wagtailsnippets_core_newscategory:list"),
        reverse("wagtailsnippets_core_issuingbody:add"),
        reverse("wagtailsnippets_core_issuingbody:list"),
        reverse("wagtailsettings:edit", args=["themes", "themesettings", dateh.site_id]),
        reverse("wagtailimages:add"),
        reverse("wagtaildocs:add_multiple"),
    ]
    leaks = []
    for url in urls:
        response = client.get(url, HTTP_HOST="dateh.test")
        assert response.status_code < 500, url
        if CANARY.encode() in response.content:
            leaks.append(f"{url} {response.status_code}")
    print(f"\n{role}: {len(urls)} of Đạ Tẻh's own forms")
    assert not leaks, "\n".join(leaks)


def test_a_snippet_cannot_be_given_to_another_portal(client, demo_province):
    from django.urls import reverse

    from core.models import NewsCategory

    _province, dateh, cattien = demo_province
    user = get_user_model().objects.create_user("dateh.snip", password="x")
    user.groups.add(dateh.groups.get(role=Role.EDITOR).group)
    client.force_login(user)
    url = reverse("wagtailsnippets_core_newscategory:add")
    refused = client.post(url, {"tenant": cattien.pk, "name": "Chen ngang", "slug": ""}, HTTP_HOST="dateh.test")
    assert refused.status_code == 200 and not NewsCategory.objects.filter(name="Chen ngang").exists()
    accepted = client.post(url, {"tenant": dateh.pk, "name": "Tin xã", "slug": ""}, HTTP_HOST="dateh.test")
    assert accepted.status_code == 302
    assert NewsCategory.objects.get(name="Tin xã").tenant == dateh
