import logging
import time

from celery import shared_task
from django.core.cache import cache

LAST_FLUSH_KEY = "analytics:last-flush"

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def flush_analytics(shard: int = 0, shards: int = 1):
    """Every minute (Celery beat, one task per shard): Redis deltas into SQL, exactly once."""
    from .flush import flush_all
    from .recorder import recorder

    result = flush_all(recorder(), shard=shard, shards=shards)
    cache.set(LAST_FLUSH_KEY, time.time(), timeout=None)  # operations.metrics: the flush lag
    logger.info("Analytics flushed: %s", result)
    return result
