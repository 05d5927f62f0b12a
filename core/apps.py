from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    label = "core"
    verbose_name = "Nội dung cổng thông tin"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings

        from . import languages, slugs, wagtail_fixes
        from .page_cache import invalidation

        invalidation.connect()
        wagtail_fixes.install()
        languages.install()
        slugs.install()

        # Embedded default: with no REDIS_URL, bring up the embedded Redis server for
        # this process if nothing answers on its socket yet (e.g. a one-off command).
        if settings.EMBEDDED_REDIS_SOCKET and settings.EMBEDDED_REDIS_AUTOSTART:
            from .embedded_redis import ensure_running

            ensure_running(settings.EMBEDDED_REDIS_SOCKET)
