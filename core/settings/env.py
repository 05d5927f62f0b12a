"""Read configuration from the environment.

A malformed value stops start-up with one line that names the variable, instead of a
traceback deep inside a database or Redis driver minutes later.
"""

import os
import sys
from urllib.parse import urlsplit

import dj_database_url

REDIS_SCHEMES = {"redis", "rediss", "unix"}


def fail(variable: str, reason: str):
    """Stop the process with one line naming the variable at fault."""
    sys.exit(f"Configuration error: {variable} {reason}")


def get_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if required:
        fail(name, "must be set")
    return default


def get_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    fail(name, f"must be true or false, got {value!r}")


def get_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        fail(name, f"must be a whole number, got {value!r}")


def get_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default or [])


def database_config(url: str, variable: str = "DATABASE_URL") -> dict:
    """Parse a database URL (postgres://…, sqlite:///…) into Django's DATABASES form."""
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:  # dj-database-url raises several types for bad URLs
        fail(variable, f"is not a valid database URL ({exc})")
    if not config.get("ENGINE"):
        fail(variable, f"has an unsupported scheme: {urlsplit(url).scheme!r}")
    if config["ENGINE"].endswith("postgresql") and not config.get("NAME"):
        fail(variable, "must name a database, e.g. postgres://postgres@127.0.0.1:5432/portal")
    if config["ENGINE"].endswith("sqlite3"):
        # Long-lived connections buy nothing on SQLite and keep files locked.
        config["CONN_MAX_AGE"] = 0
    return config


def redis_url(url: str, variable: str = "REDIS_URL") -> str:
    """Validate a Redis URL: redis://host:port/db, rediss://… or unix:///path/to.sock."""
    parts = urlsplit(url)
    if parts.scheme not in REDIS_SCHEMES:
        fail(variable, f"must start with redis://, rediss:// or unix://, got {url!r}")
    if parts.scheme == "unix":
        if not parts.path:
            fail(variable, "must name a socket path, e.g. unix:///run/redis.sock")
    else:
        try:
            parts.port  # noqa: B018 - raises ValueError on a bad port
        except ValueError:
            fail(variable, f"has an invalid port: {url!r}")
        if not parts.hostname:
            fail(variable, f"must name a host, e.g. redis://127.0.0.1:6379/0, got {url!r}")
    return url


def sentinels(variable: str = "REDIS_SENTINELS") -> list[tuple[str, int]]:
    """host:port,host:port -> [(host, port), …]; empty when Sentinel is not used."""
    found = []
    for item in get_list(variable):
        host, _, port = item.rpartition(":")
        if not host or not port.isdigit():
            fail(variable, f"must be a comma-separated list of host:port, got {item!r}")
        found.append((host, int(port)))
    return found


def celery_broker_url(url: str, sentinel_hosts: list[tuple[str, int]] = ()) -> str:
    """Celery/kombu spell a unix socket differently from redis-py, and Sentinel as one
    sentinel:// URL per sentinel (the service goes in its transport options)."""
    parts = urlsplit(url)
    if sentinel_hosts:
        auth = f":{parts.password}@" if parts.password else ""
        db = parts.path.strip("/") or "0"
        return ";".join(f"sentinel://{auth}{host}:{port}/{db}" for host, port in sentinel_hosts)
    if parts.scheme == "unix":
        return f"redis+socket://{parts.path}" + (f"?{parts.query}" if parts.query else "")
    return url
