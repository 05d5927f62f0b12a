import logging
import time

from celery import shared_task
from django.core.cache import cache

LAST_FLUSH_KEY = "analytics:last-flush"

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def flush_analytics():
    """Every minute (Celery beat): Redis deltas into SQL, exactly once."""
    from .flush import flush_all
    from .recorder import recorder

    result = flush_all(recorder())
    cache.set(LAST_FLUSH_KEY, time.time(), timeout=None)  # operations.metrics: the flush lag
    logger.info("Analytics flushed: %s", result)
    return result
