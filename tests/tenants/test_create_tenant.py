"""create_tenant: provisions everything in one transaction, is idempotent, and refuses
bad input with one line, creating nothing."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Collection, GroupPagePermission, Page, Site

from core.models import HomePage
from tenants.models import Tenant, TenantAlias
from tenants.roles import Role


def create(*args):
    call_command("create_tenant", *args)


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Tenant, TenantAlias, Site, Page, Collection, Group, GroupPagePermission)
    }


@pytest.fixture
def lamdong(db):
    create("--name", "Lâm Đồng", "--slug", "lamdong", "--hostname", "lamdong.test")
    return Tenant.objects.get(slug="lamdong")


def test_provisions_site_home_page_collection_and_groups(lamdong):
    create(
        "--name",
        "Đạ Tẻh",
        "--slug",
        "dateh",
        "--hostname",
        "DaTeh.Test",
        "--alias",
        "www.dateh.test",
        "--parent",
        "lamdong",
    )
    tenant = Tenant.objects.get(slug="dateh")
    assert tenant.level == Tenant.Level.DISTRICT
    assert tenant.parent == lamdong
    assert tenant.hostname == "dateh.test"  # normalised
    assert tenant.site.hostname == "dateh.test"
    assert not tenant.site.is_default_site
    home = tenant.site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.title == "Đạ Tẻh"
    assert home.locale.language_code == "vi"
    assert tenant.collection.name.startswith("Đạ Tẻh")
    assert list(tenant.aliases.values_list("hostname", flat=True)) == ["www.dateh.test"]
    roles = set(tenant.groups.values_list("role", flat=True))
    assert roles == {Role.EDITOR, Role.MODERATOR}
    editor_group = tenant.groups.get(role=Role.EDITOR).group
    assert set(
        GroupPagePermission.objects.filter(group=editor_group).values_list("page_id", "permission__codename")
    ) == {(home.pk, "add_page"), (home.pk, "change_page")}
    # The province's administrators get the new district too.
    admin_group = lamdong.groups.get(role=Role.PROVINCIAL_ADMIN).group
    assert GroupPagePermission.objects.filter(
        group=admin_group, page=home, permission__codename="publish_page"
    ).exists()


def test_running_again_changes_nothing(lamdong, capsys):
    before = counts()
    create("--name", "Lâm Đồng", "--slug", "lamdong", "--hostname", "lamdong.test")
    assert counts() == before
    assert "nothing changed" in capsys.readouterr().out


def test_running_again_with_a_new_alias_adds_only_the_alias(lamdong):
    before = counts()
    create("--name", "Lâm Đồng", "--slug", "lamdong", "--hostname", "lamdong.test", "--alias", "www.lamdong.test")
    after = counts()
    assert after.pop("TenantAlias") == before.pop("TenantAlias") + 1
    assert after == before


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--name", "X", "--slug", "x", "--hostname", "lamdong.test"], "already used by portal 'lamdong'"),
        (["--name", "Lâm Đồng", "--slug", "lamdong", "--hostname", "other.test"], "already exists with hostname"),
        (["--name", "X", "--slug", "x", "--hostname", "http://x.test/"], "not a bare hostname"),
        (["--name", "X", "--slug", "x", "--hostname", "x..test"], "not a valid hostname"),
        (["--name", "X", "--slug", "x", "--hostname=-x.test"], "not a valid hostname"),
        (["--name", "X", "--slug", "x", "--hostname", "10.0.0.1"], "IP address"),
        (["--name", "X", "--slug", "Bad Slug", "--hostname", "x.test"], "--slug"),
        (["--name", "X", "--slug", "x", "--hostname", "x.test", "--parent", "nope"], "no portal has that slug"),
        (["--name", "X", "--slug", "x", "--hostname", "x.test", "--level", "district"], "--parent: a District"),
        (
            # A province belongs to nothing (a commune may now sit directly under one).
            ["--name", "X", "--slug", "x", "--hostname", "x.test", "--parent", "lamdong", "--level", "province"],
            "cannot belong to Lâm Đồng",
        ),
        (
            ["--name", "X", "--slug", "x", "--hostname", "x.test", "--alias", "x.test"],
            "--alias: alias x.test is the same",
        ),
        (["--name", "X", "--slug", "x", "--hostname", "x.test", "--alias", "lamdong.test"], "already used"),
        (["--name", "   ", "--slug", "x", "--hostname", "x.test"], "--name: a name is required"),
    ],
)
def test_refuses_bad_input_with_one_line_and_creates_nothing(lamdong, args, reason):
    before = counts()
    with pytest.raises(CommandError) as excinfo:
        create(*args)
    message = str(excinfo.value)
    assert reason in message
    assert "\n" not in message
    assert counts() == before


def test_a_failure_midway_leaves_nothing_behind(lamdong, monkeypatch):
    from tenants import provisioning

    def broken(tenant):
        raise RuntimeError("database went away")

    monkeypatch.setattr(provisioning, "_create_groups", broken)
    before = counts()
    with pytest.raises(RuntimeError):
        create("--name", "Cát Tiên", "--slug", "cattien", "--hostname", "cattien.test", "--parent", "lamdong")
    assert counts() == before


def test_unicode_hostname_is_stored_in_idna_form(lamdong):
    create("--name", "Đà Lạt", "--slug", "dalat", "--hostname", "đàlạt.test", "--parent", "lamdong")
    assert Tenant.objects.get(slug="dalat").hostname == "xn--lt-ilja9c.test" or Tenant.objects.get(
        slug="dalat"
    ).hostname.startswith("xn--")
