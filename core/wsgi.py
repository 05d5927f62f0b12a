import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings.dev")

django_application = get_wsgi_application()

# Cache hits are answered in front of Django (see core.page_cache.fast_path).
from core.page_cache.fast_path import PageCacheApp  # noqa: E402 - needs Django set up first

application = PageCacheApp(django_application)
