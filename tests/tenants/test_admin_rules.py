"""Deny by default: every admin URL the resolver knows has a reviewed rule, or is for
superusers only; an admin view nobody reviewed answers 404 to a portal's people."""

import importlib

import pytest
import wagtail.admin.urls
from django.contrib.auth import get_user_model
from django.urls import path
from wagtail import hooks

import core.urls
from tenants.admin_rules import RULES, SUPERUSER_ONLY, is_superuser_only, rule_for
from tenants.roles import Role

from .isolation import url_patterns


def test_every_admin_view_has_a_rule_or_is_for_superusers():
    unreviewed = []
    for route, name, _pattern in url_patterns():
        if not route.lstrip("^").startswith("admin/") or name is None:
            continue  # unnamed: Wagtail's catch-all 404 and its test 404
        if rule_for(name, {}) is None and rule_for(name, {"pk": 1}) is None and not is_superuser_only(name):
            unreviewed.append(f"{name} ({route})")
    assert not unreviewed, "admin views with no isolation rule:\n" + "\n".join(unreviewed)


def test_no_view_is_both_allowed_and_superuser_only():
    both = [name for name in RULES if is_superuser_only(name)]
    assert not both, both
    assert all(reason for reason in SUPERUSER_ONLY.values())


def _new_view(request):
    from django.http import HttpResponse

    return HttpResponse("a view nobody reviewed")


@pytest.fixture
def unreviewed_view(settings):
    """An admin view added the way a new Wagtail version or app would add one."""
    from django.urls import clear_url_caches

    def urls():
        return [path("chua-duyet/", _new_view, name="unreviewed_view")]

    with hooks.register_temporarily("register_admin_urls", urls):
        importlib.reload(wagtail.admin.urls)
        importlib.reload(core.urls)
        clear_url_caches()
        yield "/admin/chua-duyet/"
    importlib.reload(wagtail.admin.urls)
    importlib.reload(core.urls)
    clear_url_caches()


def test_an_unreviewed_admin_view_is_closed_to_portal_roles(client, dateh, unreviewed_view):
    for role in (Role.EDITOR, Role.MODERATOR):
        user = get_user_model().objects.create_user(f"dateh.new.{role}", password="x")
        user.groups.add(dateh.groups.get(role=role).group)
        client.force_login(user)
        assert client.get(unreviewed_view, HTTP_HOST="dateh.test").status_code == 404
    superuser = get_user_model().objects.create_superuser("root.new", password="x")
    client.force_login(superuser)
    assert client.get(unreviewed_view, HTTP_HOST="dateh.test").content == b"a view nobody reviewed"
