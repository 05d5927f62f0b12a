"""Logs that stay readable during an outage: while Redis or the database is down,
every request used to log the same error with its traceback (1,500 in 20 s). This
filter lets one record through per source and kind of error per interval, and says how
many it held back when the next one passes."""

import logging
import threading
import time

INTERVAL_SECONDS = 30.0


class OncePerInterval(logging.Filter):
    def __init__(self, interval: float = INTERVAL_SECONDS):
        super().__init__()
        self.interval = interval
        self._seen: dict[tuple, list] = {}  # key -> [last passed at, held back since]
        self._lock = threading.Lock()

    @staticmethod
    def key(record: logging.LogRecord) -> tuple:
        error = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else ""
        return record.name, record.levelno, error or str(record.msg)[:80]

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        now = time.monotonic()
        with self._lock:
            entry = self._seen.get(self.key(record))
            if entry is not None and now - entry[0] < self.interval:
                entry[1] += 1
                return False
            held_back = entry[1] if entry else 0
            self._seen[self.key(record)] = [now, 0]
        if held_back:
            record.msg = f"{record.msg} ({held_back} more like this in the last {self.interval:.0f} s)"
        return True
