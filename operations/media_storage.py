"""Media (originals, renditions, documents) on S3-compatible storage (django-storages),
for deployments with more than one app server.

The bucket stays private. Every file still reaches readers through our own checks
(tenants.files): documents through Wagtail's serve view, picture renditions through
/media/, each only on its portal's hosts; originals never. So the addresses in pages
are ours (/media/images/…), not the bucket's, and Django streams the bytes from S3.
An operator who wants renditions straight from the bucket or a CDN in front of it sets
MEDIA_S3_PUBLIC_URLS (renditions are public on every portal's pages anyway); documents
are always checked.
"""

from django.conf import settings
from storages.backends.s3 import S3Storage


class PortalS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        if settings.MEDIA_S3_PUBLIC_URLS:
            return super().url(name, parameters=parameters, expire=expire, http_method=http_method)
        return settings.MEDIA_URL + name.lstrip("/")
