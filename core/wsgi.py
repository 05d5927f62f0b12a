import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings.dev")

django_application = get_wsgi_application()

# Cache hits are answered in front of Django (see core.page_cache.fast_path); in front
# of both, /metrics, request ids and the access log (operations.wsgi).
from core.page_cache.fast_path import PageCacheApp  # noqa: E402 - needs Django set up first
from operations.wsgi import OperationsApp  # noqa: E402

application = OperationsApp(PageCacheApp(django_application))

# The garbage collector (issue 17). Loading Django, Wagtail and the province's registry
# leaves ~220,000 long-lived objects, and a full collection walks all of them: 60-130 ms,
# taken by whichever request happens to trigger it. A busy admin request (the explorer
# keeps thousands of objects alive while it renders) triggered one every one or two
# requests, most of the gap between the explorer's p50 and its p95. Frozen objects are
# never walked again; they were going to live as long as the process anyway. The first
# generation's threshold is raised so a request's temporary objects are not promoted,
# and counted towards the next full collection, hundreds at a time.
gc.collect()
gc.freeze()
gc.set_threshold(10_000, 20, 10)
