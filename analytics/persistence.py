"""Does Redis keep the views it has not flushed yet if it restarts?

Views live in Redis for up to a minute before the flush moves them to SQL. Without
AOF (appendonly) a restart loses them (395 of 1,192 in the fault run), so the product
says so: in /healthz, as a warning of `manage.py check --deploy`, and on the admin home
of those who run the province (PersistencePanel).
"""

import logging

from django.core import checks
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from tenants import redis_client

logger = logging.getLogger(__name__)


def aof_enabled(client) -> bool:
    """From INFO, which managed Redis services answer even where CONFIG is disabled."""
    return bool(int(client.info("persistence").get("aof_enabled", 0)))


@checks.register(checks.Tags.caches, deploy=True)
def check_redis_keeps_views(app_configs=None, **kwargs):
    try:
        if aof_enabled(redis_client.shared()):
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


def _runs_a_province(user) -> bool:
    from tenants.registry import registry
    from tenants.visibility import scope_for

    scope = scope_for(user)
    return scope.everything or any(
        (record := registry.by_id(pk)) is not None and record.parent_id is None for pk in scope.own
    )


class PersistencePanel(Component):
    """On the admin home of a provincial admin (and a superuser): a warning while Redis
    would lose the views it has not flushed yet if it restarted. Districts are not told:
    they cannot change it."""

    name = "redis_persistence"
    order = 5
    template_name = "analytics/persistence_panel.html"

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        if not _runs_a_province(self.request.user):
            return ""
        try:
            if aof_enabled(redis_client.shared()):
                return ""
        except Exception:
            logger.warning("Could not ask Redis whether AOF is on", exc_info=True)
            return ""  # Redis being down is shown by /healthz and the outage pages
        return super().render_html(parent_context)
