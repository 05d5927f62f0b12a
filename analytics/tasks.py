import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def flush_analytics():
    """Every minute (Celery beat): Redis deltas into SQL, exactly once."""
    from .flush import flush_all
    from .recorder import recorder

    result = flush_all(recorder())
    logger.info("Analytics flushed: %s", result)
    return result
