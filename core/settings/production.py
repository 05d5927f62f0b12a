"""Production: PostgreSQL, Redis, gunicorn behind a TLS-terminating proxy.

Required: SECRET_KEY, DATABASE_URL, REDIS_URL. Optional: ALLOWED_HOSTS (fixed hosts
beyond the registered portals), REDIS_SENTINELS, SECURE_HSTS_SECONDS, MEDIA_ROOT, LOG_LEVEL, and the
mail server (EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS,
DEFAULT_FROM_EMAIL; EMAIL_BACKEND and EMAIL_FILE_PATH to keep mail in files instead).
"""

from . import env

env.get_str("DATABASE_URL", required=True)
env.get_str("REDIS_URL", required=True)
env.get_str("SECRET_KEY", required=True)

from .base import *  # noqa: F403

DEBUG = False
EMBEDDED_REDIS_AUTOSTART = False

STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"

# The proxy in front terminates TLS and says so in this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.get_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.get_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's live preview shows the page in an iframe of the admin, same origin, so
# DENY would break it; SAMEORIGIN still keeps every other site from framing us.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W019"]
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS")
# Those who publish sign in with a second factor (core.two_factor); set
# ADMIN_TWO_FACTOR_ROLES to another list, or to "-" to turn it off.
ADMIN_TWO_FACTOR_ROLES = [
    role for role in env.get_list("ADMIN_TWO_FACTOR_ROLES") or ["moderator", "provincial_admin"] if role != "-"
]

# Mail: password resets, citizens' question answers and directive reminders. A reminder
# that cannot be sent is not recorded as sent, so the next hourly run tries again.
EMAIL_BACKEND = env.get_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_FILE_PATH = env.get_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = env.get_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env.get_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.get_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.get_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.get_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env.get_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env.get_str("DEFAULT_FROM_EMAIL", "cong-thong-tin@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
