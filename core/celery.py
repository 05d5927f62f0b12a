"""The Celery app. Broker and result backend are the same Redis as the cache (see
core.settings.base); tasks that touch a portal take its slug as an argument."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings.dev")

app = Celery("core")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
