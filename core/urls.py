from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from analytics.usefulness import answer as usefulness_answer
from tenants.files import serve_media

from .sitemaps import robots_txt, sitemap
from .views import favicon, healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("huu-ich/", usefulness_answer, name="page_usefulness"),
    # The passkey ceremonies (django-otp-webauthn's JSON views; core.passkeys).
    path("admin/xac-thuc/khoa/", include("django_otp_webauthn.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.SERVE_MEDIA:
    # Picture renditions only, each on its portal's hosts (tenants.files).
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", serve_media))

# Vietnamese pages live at /, English ones at /en/.
urlpatterns += i18n_patterns(
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# Errors answered in the portal's look, in Vietnamese; a database outage is a 503.
handler500 = "core.errors.server_error"
