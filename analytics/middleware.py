"""Count the pages Django renders and fill their live numbers.

Sits outside the page cache middleware, so the copy the cache stores keeps its
placeholders and every reader gets current numbers. Cache hits never reach Django:
the page cache's fast path counts and fills them in the same Redis round trip.
"""

import logging

import redis
from django.conf import settings

from .placeholders import MARKER, Numbers, fill
from .recorder import record_fallback, recorder, should_count

logger = logging.getLogger(__name__)


class AnalyticsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        tenant = getattr(request, "tenant", None)
        if tenant is None or response.streaming or not response.get("Content-Type", "").startswith("text/html"):
            return response
        page_id = getattr(request, "analytics_page_id", None) if response.status_code == 200 else None
        count = page_id is not None and should_count(request.META) and self._counts_user(request)
        has_numbers = MARKER in response.content
        if not (count or has_numbers):
            return response
        try:
            _counted, numbers = recorder().record_and_read(tenant.id, page_id, request.META, count)
        except redis.RedisError:
            logger.warning("Analytics: Redis unavailable, keeping the view in SQL")
            if count:
                record_fallback(tenant.id, page_id, request.META)
            numbers = self._numbers_from_sql(tenant.id, page_id)
        if has_numbers:
            response.content = fill(response.content, numbers)
            if response.has_header("Content-Length"):  # set on the raw body further in
                response["Content-Length"] = str(len(response.content))
        return response

    @staticmethod
    def _counts_user(request) -> bool:
        user = getattr(request, "user", None)
        return settings.ANALYTICS_COUNT_EDITORS or user is None or not user.is_authenticated

    @staticmethod
    def _numbers_from_sql(tenant_id, page_id) -> Numbers:
        from datetime import UTC, datetime

        from .floors import sql_floors
        from .periods import periods_of

        floors, p = sql_floors(tenant_id), periods_of(datetime.now(UTC))
        return Numbers(
            total=floors["t"], online=0, week=floors[f"w:{p.week}"], month=floors[f"m:{p.month}"],
            year=floors[f"y:{p.year}"], views=floors.get(f"pv:{page_id}", 0),
        )  # fmt: skip
