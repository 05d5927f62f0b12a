"""The request id and portal of the request being answered, for log records."""

from contextvars import ContextVar

REQUEST_ID: ContextVar[str] = ContextVar("request_id", default="-")
PORTAL: ContextVar[str] = ContextVar("portal", default="-")


class RequestContextFilter:
    """Adds `request_id` and `portal` to every log record (JSON logs carry them)."""

    def filter(self, record) -> bool:
        record.request_id = REQUEST_ID.get()
        record.portal = PORTAL.get()
        return True
