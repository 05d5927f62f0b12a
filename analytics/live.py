"""The live figures of many portals at once: the same numbers each portal's public
«Thống kê truy cập» box shows (SQL floors + what Redis has counted since the last flush
+ the carried-over baseline), read for every portal in one Redis round trip. The admin's
reports use these, so the province page, a district's own report and its public box
never disagree."""

import logging

import redis

from .placeholders import Numbers
from .recorder import recorder

logger = logging.getLogger(__name__)


def live_numbers(tenant_ids) -> dict[int, Numbers | None]:
    """None for a portal whose figures Redis cannot give right now."""
    ids = list(dict.fromkeys(tenant_ids))
    if not ids:
        return {}
    try:
        counter = recorder()
        with counter.client.pipeline(transaction=False) as pipe:
            for tenant_id in ids:
                counter.read_in(pipe, tenant_id)
            replies = pipe.execute(raise_on_error=False)
    except redis.RedisError:
        logger.warning("Live figures unavailable: Redis does not answer")
        return dict.fromkeys(ids)
    return {tenant_id: _numbers(counter, tenant_id, reply) for tenant_id, reply in zip(ids, replies, strict=True)}


def _numbers(counter, tenant_id, reply) -> Numbers | None:
    try:
        if isinstance(reply, Exception):  # the script left Redis (a restart): one call loads it again
            reply = counter.read(tenant_id)
        values = reply[1:]
        if values[0] in (b"0", 0, "0"):  # floors gone with Redis' data: seed them from SQL first
            values = counter.read_after_seeding(tenant_id, "")
        return Numbers.from_script(values)
    except redis.RedisError:
        return None
