"""Archiving a portal: still served at its addresses with a «Trang lưu trữ» banner (on
cached pages too), read-only for its own people, out of the province's dashboard; a dry
run changes nothing; --undo reopens it; bad requests are refused with a reason."""

import io

import pytest
from django.core.management import CommandError, call_command

from core.models import NewsArticlePage
from tenants.models import Tenant
from tenants.provisioning import TenantSpec, provision_tenant
from tenants.roles import Role
from tests.factories import member

BANNER = "Trang lưu trữ"


def run(*args) -> str:
    out = io.StringIO()
    call_command("archive_portal", *args, stdout=out)
    return out.getvalue()


def test_an_archive_stays_online_read_only_and_leaves_the_dashboard(client, demo_province):
    province, _dateh, cattien = demo_province
    other = provision_tenant(TenantSpec(name="Khánh Hòa", slug="khanhhoa", hostname="khanhhoa.test")).tenant
    moderator = member(cattien, Role.MODERATOR, "cattien.luutru")
    admin = member(province, Role.PROVINCIAL_ADMIN, "tinh.luutru")
    article = NewsArticlePage.objects.descendant_of(cattien.site.root_page).live().first()
    edit_url = f"/admin/pages/{article.pk}/edit/"
    assert BANNER not in client.get(article.url, HTTP_HOST="cattien.test").content.decode()  # now cached

    said = run("cattien", "--dry-run")
    assert "cattien.luutru" in said and "Dry run" in said
    assert Tenant.objects.get(pk=cattien.pk).archived_at is None

    run("cattien")
    page = client.get(article.url, HTTP_HOST="cattien.test")
    assert page.status_code == 200 and BANNER in page.content.decode()  # the cached copy was dropped
    assert BANNER not in client.get("/", HTTP_HOST="dateh.test").content.decode()
    assert BANNER not in client.get("/", HTTP_HOST="khanhhoa.test").content.decode()

    client.force_login(moderator)
    refused = client.get(edit_url, HTTP_HOST="cattien.test")
    assert refused.status_code == 403 and "Cổng của bạn đã thành trang lưu trữ" in refused.content.decode()
    title = article.title
    client.post(edit_url, {"title": "Sửa trang lưu trữ", "action-publish": "1"}, HTTP_HOST="cattien.test")
    assert NewsArticlePage.objects.get(pk=article.pk).title == title

    client.force_login(admin)
    home = client.get("/admin/", HTTP_HOST="lamdong.test").content.decode()
    assert "/admin/tuan-thu/dateh/" in home and "/admin/tuan-thu/cattien/" not in home

    run("cattien", "--undo")
    client.force_login(moderator)
    assert client.get(edit_url, HTTP_HOST="cattien.test").status_code == 200
    assert BANNER not in client.get(article.url, HTTP_HOST="cattien.test").content.decode()
    assert Tenant.objects.get(pk=other.pk).archived_at is None


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["khongco"], "Không có cổng nào mang mã khongco"),
        (["lamdong"], "Cổng cấp tỉnh không lưu trữ được"),
        (["dateh", "--undo"], "không phải trang lưu trữ"),
    ],
)
def test_bad_requests_are_refused_with_a_reason_and_change_nothing(demo_province, args, reason):
    with pytest.raises(CommandError, match=reason):
        run(*args)
    assert not Tenant.objects.filter(archived_at__isnull=False).exists()
