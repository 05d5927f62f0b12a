"""A provincial admin publishes an urgent notice: every portal of the province shows it
at once, cached pages included, until its end; districts cannot remove it; another
province never sees it."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from core.models import ProvinceAlert
from core.tasks import refresh_alert_pages
from tenants.provisioning import TenantSpec, provision_tenant
from tenants.roles import Role
from tests.core.test_page_cache import wsgi_get

HOSTS = ("lamdong.test", "dateh.test", "cattien.test")


@pytest.fixture
def cached(demo_province, django_capture_on_commit_callbacks):
    other = provision_tenant(TenantSpec(name="Khánh Hòa", slug="khanhhoa", hostname="khanhhoa.test")).tenant
    other.home_page.specific.save_revision().publish()
    for host in (*HOSTS, "khanhhoa.test"):
        wsgi_get(host, "/")
        assert wsgi_get(host, "/")[1]["X-Cache"] == "HIT"
    return demo_province


def alert(province, **times):
    return ProvinceAlert.objects.create(
        tenant=province, title="Cảnh báo mưa lũ", message="Người dân vùng trũng di chuyển đến nơi an toàn.", **times
    )


def test_an_alert_shows_on_every_portal_at_once_cached_pages_included(cached, django_capture_on_commit_callbacks):
    province, *_ = cached
    with django_capture_on_commit_callbacks(execute=True):
        alert(province, ends_at=timezone.now() + timedelta(hours=2))
    for host in HOSTS:
        _status, headers, body = wsgi_get(host, "/")
        assert headers["X-Cache"] == "MISS" and "Cảnh báo mưa lũ" in body, host
        assert 'role="alert"' in body
    assert "Cảnh báo mưa lũ" not in wsgi_get("khanhhoa.test", "/")[2]  # another province


def test_an_alert_appears_at_its_start_and_goes_at_its_end(cached, django_capture_on_commit_callbacks):
    province, *_ = cached
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        alert(province, starts_at=now + timedelta(seconds=1), ends_at=now + timedelta(seconds=2))
    assert "Cảnh báo mưa lũ" not in wsgi_get("dateh.test", "/")[2]  # not yet
    time.sleep(1.1)
    refresh_alert_pages(province.pk)  # what the task scheduled for its start does
    assert "Cảnh báo mưa lũ" in wsgi_get("dateh.test", "/")[2]
    time.sleep(1.0)
    refresh_alert_pages()  # beat's safety net, had the end task been lost
    assert "Cảnh báo mưa lũ" not in wsgi_get("dateh.test", "/")[2]


def test_only_the_provinces_administrators_manage_alerts(client, demo_province):
    province, dateh, _cattien = demo_province
    for tenant, role, expected in ((dateh, Role.MODERATOR, 302), (province, Role.PROVINCIAL_ADMIN, 200)):
        user = get_user_model().objects.create_user(f"{tenant.slug}.{role}.alert", password="x")
        user.groups.add(tenant.groups.get(role=role).group)
        client.force_login(user)
        response = client.get("/admin/snippets/core/provincealert/add/", HTTP_HOST=f"{tenant.slug}.test")
        assert response.status_code == expected, role
