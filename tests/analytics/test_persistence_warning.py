"""Redis without AOF would lose the views of the last minute if it restarted: the
provincial admin (who can have it fixed) is warned on the admin home; a district
moderator, who cannot, is not; with AOF on nobody is."""

import pytest

from core.page_cache.store import page_store
from tenants.provisioning import TenantSpec, provision_tenant
from tenants.roles import Role
from tests.factories import member

WARNING = "Redis đang chạy không lưu xuống đĩa"


@pytest.fixture
def appendonly():
    """Sets the test Redis's appendonly for one test and puts it back afterwards."""
    client = page_store().client
    before = client.config_get("appendonly")["appendonly"]

    def set_to(value: str):
        client.config_set("appendonly", value)

    yield set_to
    client.config_set("appendonly", before)


def home(client, user, host):
    client.force_login(user)
    response = client.get("/admin/", HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


def test_the_province_is_warned_while_redis_keeps_nothing_on_disk(client, demo_province, appendonly):
    province, dateh, _cattien = demo_province
    other = provision_tenant(TenantSpec(name="Khánh Hòa", slug="khanhhoa", hostname="khanhhoa.test")).tenant
    admin = member(province, Role.PROVINCIAL_ADMIN, "tinh.aof")
    other_admin = member(other, Role.PROVINCIAL_ADMIN, "khanhhoa.aof")
    moderator = member(dateh, Role.MODERATOR, "dateh.aof")

    appendonly("no")
    assert WARNING in home(client, admin, "lamdong.test")
    assert WARNING in home(client, other_admin, "khanhhoa.test")
    assert WARNING not in home(client, moderator, "dateh.test")

    appendonly("yes")
    assert WARNING not in home(client, admin, "lamdong.test")
