import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings.dev")

django_application = get_wsgi_application()

# Cache hits are answered in front of Django (see core.page_cache.fast_path); in front
# of both, /metrics, request ids and the access log (operations.wsgi).
from core.page_cache.fast_path import PageCacheApp  # noqa: E402 - needs Django set up first
from operations.wsgi import OperationsApp  # noqa: E402

application = OperationsApp(PageCacheApp(django_application))
