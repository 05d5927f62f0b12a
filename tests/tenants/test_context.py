import pytest

from tenants.context import NoTenantError, current_tenant, tenant_context


def test_code_outside_a_request_must_name_its_portal():
    with pytest.raises(NoTenantError, match="tenant_context"):
        current_tenant()


def test_tenant_context_nests_and_restores(dateh, cattien):
    with tenant_context(dateh):
        assert current_tenant() == dateh
        with tenant_context(cattien):
            assert current_tenant() == cattien
        assert current_tenant() == dateh
    assert current_tenant(required=False) is None
