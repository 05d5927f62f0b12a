"""Real outages, made small: the database or Redis stops answering for the length of a
block, at the connection layer, while the test's own transaction waits untouched."""

import socket
from contextlib import contextmanager

import redis
from django.db import connections


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def database_down():
    """Every new query fails to connect: SQLite cannot open its file, PostgreSQL finds
    no server. The test's connection (and its transaction) is put back afterwards."""
    original = connections["default"]
    settings_dict = dict(original.settings_dict)
    if original.vendor == "sqlite":
        settings_dict["NAME"] = "/nonexistent/portal/unreachable.sqlite3"
    else:
        settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
    broken = original.__class__(settings_dict, alias="default")
    connections["default"] = broken
    try:
        yield
    finally:
        broken.close()
        connections["default"] = original


def dead_redis() -> redis.Redis:
    """A client of a Redis that is not there."""
    return redis.Redis(host="127.0.0.1", port=closed_port(), socket_connect_timeout=0.2, socket_timeout=0.2)
