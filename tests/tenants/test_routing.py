"""Host header -> portal: each portal answers with its own content; nothing else does."""

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory

from tenants.middleware import TenantMiddleware


@pytest.fixture
def two_portals(dateh, cattien, publish):
    publish(dateh)
    publish(cattien)
    return dateh, cattien


def test_each_host_shows_its_own_portal_only(client, two_portals):
    dateh, cattien = two_portals
    for tenant, other in [(dateh, cattien), (cattien, dateh)]:
        response = client.get("/", HTTP_HOST=tenant.hostname)
        html = response.content.decode()
        assert response.status_code == 200
        assert tenant.name in html
        assert other.name not in html


def test_host_with_port_resolves_to_the_same_portal(client, two_portals):
    dateh, _ = two_portals
    response = client.get("/", HTTP_HOST=f"{dateh.hostname}:8000")
    assert response.status_code == 200
    assert dateh.name in response.content.decode()


@pytest.mark.parametrize("host", ["unknown.test", "lamdong.test.evil.example", "127.0.0.1", ""])
def test_unknown_host_gets_a_404_that_names_no_portal(client, two_portals, host):
    response = client.get("/", HTTP_HOST=host)
    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy cổng thông tin" in html
    for tenant in two_portals:
        assert tenant.name not in html


def test_unknown_host_never_falls_back_to_a_wagtail_default_site(client, two_portals):
    from wagtail.models import Site

    assert not Site.objects.filter(is_default_site=True).exists()
    assert client.get("/admin/login/", HTTP_HOST="unknown.test").status_code == 404


def test_alias_redirects_permanently_to_the_primary_hostname(client, two_portals):
    response = client.get("/tin-tuc/?page=2", HTTP_HOST="www.dateh.test:8000")
    assert response.status_code == 301
    assert response["Location"] == "http://dateh.test:8000/tin-tuc/?page=2"


def test_inactive_portal_answers_404(client, two_portals):
    dateh, cattien = two_portals
    dateh.is_active = False
    dateh.save()
    assert client.get("/", HTTP_HOST=dateh.hostname).status_code == 404
    assert client.get("/", HTTP_HOST=cattien.hostname).status_code == 200


def test_allowed_hosts_follow_registered_portals(two_portals):
    hosts = list(settings.ALLOWED_HOSTS)
    assert {"dateh.test", "www.dateh.test", "cattien.test", "lamdong.test"} <= set(hosts)
    assert "*" not in hosts
    assert "unknown.test" not in settings.ALLOWED_HOSTS


def test_new_portal_is_served_without_restart(client, two_portals, publish):
    from tenants.provisioning import TenantSpec, provision_tenant

    assert client.get("/", HTTP_HOST="dahuoai.test").status_code == 404
    dahuoai = provision_tenant(
        TenantSpec(name="Đạ Huoai", slug="dahuoai", hostname="dahuoai.test", parent="lamdong")
    ).tenant
    publish(dahuoai)
    assert "Đạ Huoai" in client.get("/", HTTP_HOST="dahuoai.test").content.decode()


def test_resolving_the_portal_costs_no_sql(two_portals, django_assert_num_queries):
    dateh, _ = two_portals
    seen = {}

    def view(request):
        seen["tenant"] = request.tenant
        seen["site"] = request._wagtail_site
        return HttpResponse("ok")

    middleware = TenantMiddleware(view)
    request = RequestFactory().get("/", HTTP_HOST="dateh.test")
    middleware(request)  # warm the in-process map
    with django_assert_num_queries(0):
        middleware(RequestFactory().get("/", HTTP_HOST="dateh.test"))
    assert seen["tenant"].slug == "dateh"
    assert seen["site"].root_page_id == dateh.site.root_page_id


def test_current_tenant_is_set_for_the_request_and_cleared_after(two_portals):
    from tenants.context import current_tenant

    captured = {}

    def view(request):
        captured["slug"] = current_tenant().slug
        return HttpResponse("ok")

    TenantMiddleware(view)(RequestFactory().get("/", HTTP_HOST="cattien.test"))
    assert captured["slug"] == "cattien"
    assert current_tenant(required=False) is None


def test_health_check_answers_on_fixed_hosts_only(client, two_portals):
    response = client.get("/healthz", HTTP_HOST="testserver")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"
    assert response.json()["checks"]["redis"] == "ok"
    assert client.get("/healthz", HTTP_HOST="unknown.test").status_code == 404
