"""Keeping robots out of the question form without any third-party service: a hidden
field people never fill (a honeypot), a limit per address and portal, and, where a
portal turns it on, a small sum to answer in Vietnamese."""

import random

from django.core import signing
from django.core.cache import cache

from analytics.visitors import hashed_address

HONEYPOT = "website"
LIMIT_PER_HOUR = 5
CHALLENGE_SALT = "citizens.challenge"
CHALLENGE_MAX_AGE = 3600


def _key(tenant_id: int, address: str) -> str:
    # The address is hashed with the secret key and kept an hour: never stored as such.
    return f"citizens:sent:{tenant_id}:{hashed_address(address)}"


def over_limit(tenant_id: int, address: str) -> bool:
    return (cache.get(_key(tenant_id, address)) or 0) >= LIMIT_PER_HOUR


def count_sent(tenant_id: int, address: str):
    key = _key(tenant_id, address)
    if cache.add(key, 1, timeout=3600):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, timeout=3600)


def new_challenge() -> tuple[str, str]:
    """(the question to show, a signed token carrying its answer)."""
    a, b = random.randint(1, 9), random.randint(1, 9)
    return f"{a} + {b}", signing.dumps(a + b, salt=CHALLENGE_SALT)


def challenge_passed(token: str, answer: str) -> bool:
    try:
        expected = signing.loads(token, salt=CHALLENGE_SALT, max_age=CHALLENGE_MAX_AGE)
    except signing.BadSignature:
        return False
    return (answer or "").strip() == str(expected)
