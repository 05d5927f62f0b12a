"""Does Redis keep the views it has not flushed yet if it restarts?

Views live in Redis for up to a minute before the flush moves them to SQL. Without
AOF (appendonly) a restart loses them (395 of 1,192 in the fault run), so the product
says so: in /healthz, and as a warning of `manage.py check --deploy`.
"""

from django.core import checks
from django.utils.translation import gettext as _


def aof_enabled(client) -> bool:
    """From INFO, which managed Redis services answer even where CONFIG is disabled."""
    return bool(int(client.info("persistence").get("aof_enabled", 0)))


@checks.register(checks.Tags.caches, deploy=True)
def check_redis_keeps_views(app_configs=None, **kwargs):
    from core.page_cache.store import page_store

    try:
        if aof_enabled(page_store().client):
            return []
    except Exception as exc:  # an unreachable Redis is reported by /healthz and the suite
        return [
            checks.Warning(
                _("Không hỏi được Redis về cách lưu dữ liệu: %(error)s") % {"error": exc.__class__.__name__},
                id="analytics.W002",
            )
        ]
    return [
        checks.Warning(
            _("Redis không bật AOF: lượt xem chưa ghi vào CSDL (tối đa một phút) sẽ mất nếu Redis khởi động lại."),
            hint=_("Đặt appendonly yes và appendfsync everysec trong cấu hình Redis."),
            id="analytics.W001",
        )
    ]
