"""Who is a visitor, without knowing who they are.

A visitor id is a hash of the portal, the client address and the user agent with a
salt that changes every day and is deleted within 48 hours, as privacy-first
analytics do: the same browser is one visitor within a day, and no raw address or
user agent is stored anywhere. Crawlers are recognised with the maintained
crawler-user-agents list, not a list of our own.
"""

import hashlib
import ipaddress
import secrets
import threading
from functools import lru_cache

from crawleruseragents import is_crawler
from django.conf import settings

SALT_TTL = 48 * 3600
_salts: dict[str, bytes] = {}
_salt_lock = threading.Lock()

PREFETCH_HEADERS = {
    "HTTP_PURPOSE": "prefetch",
    "HTTP_SEC_PURPOSE": "prefetch",
    "HTTP_X_MOZ": "prefetch",
    "HTTP_X_PURPOSE": "preview",
}


@lru_cache(maxsize=8192)
def is_bot(user_agent: str) -> bool:
    """Crawlers, bots and tools; an empty user agent counts as one."""
    return not user_agent or is_crawler(user_agent)


def is_prefetch(environ) -> bool:
    return any(value in environ.get(header, "").lower() for header, value in PREFETCH_HEADERS.items())


def client_address(environ) -> str:
    """REMOTE_ADDR, or the nearest untrusted address in X-Forwarded-For when the
    request came through one of ANALYTICS_TRUSTED_PROXIES."""
    remote = environ.get("REMOTE_ADDR", "")
    if not is_trusted_proxy(remote):
        return remote
    hops = [hop.strip() for hop in environ.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not is_trusted_proxy(hop):
            return hop
    return remote


def hashed_address(address: str) -> str:
    """A client address hashed with the secret key, for a short-lived limit's key: the
    address itself is never kept."""
    return hashlib.blake2b(f"{settings.SECRET_KEY}:{address}".encode(), digest_size=12).hexdigest()


def is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False) for net in settings.ANALYTICS_TRUSTED_PROXIES)


def daily_salt(client, day: str, key_prefix: str) -> bytes:
    """The day's salt, the same in every process all day.

    SQL holds it (DailySalt) so that a Redis which lost its data cannot make processes
    disagree and count one reader twice; Redis and this process cache it so a view
    needs no SQL. With client None (Redis down) it comes from SQL alone. Only when SQL
    is down too and Redis has none does Redis make one for the day."""
    salt = _salts.get(day)
    if salt is not None:
        return salt
    with _salt_lock:
        key = f"{key_prefix}:an:salt:{day}"
        salt = client.get(key) if client is not None else None
        if salt is None:
            salt = _stored_salt(day)
            if client is not None:
                client.set(key, salt or secrets.token_hex(16), ex=SALT_TTL, nx=True)
                salt = client.get(key)
        if salt is None:
            raise LookupError("no salt for the day: both Redis and the database are unavailable")
        _salts.clear()  # yesterday's salt is not needed any more in this process
        _salts[day] = salt
        return salt


def _stored_salt(day: str) -> bytes | None:
    from django.db import DatabaseError, IntegrityError, transaction

    from .models import DailySalt

    try:
        try:
            with transaction.atomic():
                row, _ = DailySalt.objects.get_or_create(day=day, defaults={"salt": secrets.token_hex(16)})
        except IntegrityError:  # another process made it a moment ago
            row = DailySalt.objects.get(day=day)
    except DatabaseError:
        return None
    return row.salt.encode()


def visitor_id(salt: bytes, tenant_id: int, address: str, user_agent: str) -> str:
    raw = b"\0".join([salt, str(tenant_id).encode(), address.encode(), user_agent.encode("utf-8", "replace")])
    return hashlib.blake2b(raw, digest_size=12).hexdigest()
