"""Settings for `make demo` and local work: the embedded defaults, static files served
straight from the apps (no collectstatic step), e-mail printed to the console."""

from .base import *  # noqa: F403

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EXTRA_ALLOWED_HOSTS += ["localhost", "127.0.0.1"]
# Served from the apps' folders by whitenoise's finders: no collectstatic output here.
STATIC_ROOT = None
SERVE_MEDIA = True  # no web server in front here
