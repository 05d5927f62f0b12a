"""An outage logs a line per interval, not one per request."""

import io
import logging

from core.log_filters import OncePerInterval


def test_repeated_errors_pass_once_per_interval_and_say_how_many_were_held_back():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(OncePerInterval(interval=0.2))
    logger = logging.getLogger("tests.outage")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        for _ in range(1500):
            try:
                raise ConnectionError("Redis went away")
            except ConnectionError:
                logger.exception("Cache unavailable")
        logger.warning("Another kind of trouble")
        import time

        time.sleep(0.25)
        try:
            raise ConnectionError("still away")
        except ConnectionError:
            logger.exception("Cache unavailable")
        logger.info("Normal work")
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    lines = [
        line for line in stream.getvalue().splitlines() if not line.startswith((" ", "Traceback", "ConnectionError"))
    ]
    assert lines == [
        "Cache unavailable",
        "Another kind of trouble",
        "Cache unavailable (1499 more like this in the last 0 s)",
        "Normal work",
    ]
