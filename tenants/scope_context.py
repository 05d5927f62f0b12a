"""The scope the current admin request runs in (tenants.row_scope applies it to
every query), and a way out of it for work that serves everyone: loading the
portal registry, filling shared caches, provisioning a portal.

This module imports nothing of the project, so the registry can use it too.
"""

from contextlib import contextmanager
from contextvars import ContextVar

active_scope: ContextVar = ContextVar("tenants_active_scope", default=None)


@contextmanager
def scoped(scope):
    token = active_scope.set(scope)
    try:
        yield scope
    finally:
        active_scope.reset(token)


@contextmanager
def unscoped():
    """Queries in this block see every portal's rows. For shared state only (caches
    read by every portal, provisioning); never to answer a user's request."""
    token = active_scope.set(None)
    try:
        yield
    finally:
        active_scope.reset(token)


def unscoped_function(function):
    """Decorator form of unscoped()."""
    from functools import wraps

    @wraps(function)
    def wrapper(*args, **kwargs):
        with unscoped():
            return function(*args, **kwargs)

    return wrapper
