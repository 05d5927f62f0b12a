"""The current portal, for code that runs inside a request and code that does not.

Inside a request TenantMiddleware sets it. Outside one (management commands, Celery
tasks) code names its portal explicitly:

    with tenant_context(tenant):
        ...
"""

from contextlib import contextmanager
from contextvars import ContextVar

_current = ContextVar("current_tenant", default=None)


class NoTenantError(LookupError):
    """Raised when code needs a portal but none was named."""


def current_tenant(*, required: bool = True):
    tenant = _current.get()
    if tenant is None and required:
        raise NoTenantError(
            "No portal is active here: wrap this code in tenant_context(tenant), "
            "or run it inside a request to a portal's hostname."
        )
    return tenant


@contextmanager
def tenant_context(tenant):
    token = _current.set(tenant)
    try:
        yield tenant
    finally:
        _current.reset(token)
