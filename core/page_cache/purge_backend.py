"""Purge requests to the nginx we ship (deploy/nginx/, with ngx_cache_purge).

Wagtail's HTTPBackend sends `PURGE <path>` with the page's Host to the cache's address;
this one sends `PURGE /_purge<path>` (nginx purges in a location of its own), and
- says which copy to drop with X-Forwarded-Proto: nginx keeps the http and the https
  copy of a page apart (the app renders them apart) and hears both purges on one port;
- takes "404" as done: ngx_cache_purge answers 404 when it held no copy;
- gives up on the batch at the first request that cannot reach nginx, with a time
  limit (urlopen has none): a dead cache costs one timeout per batch, and the caller
  (core.page_cache.front_purge) logs and counts it instead of the publish failing.
"""

from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from wagtail import __version__
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend

# deploy/nginx/ drops the copy of /<path> on PURGE /_purge/<path>.
PURGE_PREFIX = "/_purge"


class PurgeFailed(Exception):
    """Some URLs were not purged: .failed of .attempted."""

    def __init__(self, failed: int, attempted: int, reason: str):
        super().__init__(f"{failed} of {attempted} URLs not purged ({reason})")
        self.failed, self.attempted = failed, attempted


class NginxPurgeBackend(HTTPBackend):
    def request_for(self, url: str) -> Request:
        parts = urlsplit(url)
        target = urlunsplit([self.cache_scheme, self.cache_netloc, PURGE_PREFIX + (parts.path or "/"), parts.query, ""])
        headers = {"Host": parts.hostname, "X-Forwarded-Proto": parts.scheme, "User-Agent": f"Wagtail/{__version__}"}
        return Request(target, method="PURGE", headers=headers)

    def purge(self, url) -> bool:
        """True if nginx dropped a copy, False if it held none; raises URLError when
        nginx cannot be reached and HTTPError for any other refusal (403: not allowed)."""
        try:
            with urlopen(self.request_for(url), timeout=settings.FRONTEND_CACHE_PURGE_TIMEOUT):
                return True
        except HTTPError as error:
            error.close()
            if error.code == 404:
                return False
            raise

    def purge_batch(self, urls) -> int:
        """The number of copies dropped; PurgeFailed when some URLs were not purged."""
        urls = list(urls)
        dropped = refused = 0
        for position, url in enumerate(urls):
            try:
                dropped += self.purge(url)
            except HTTPError as error:  # this URL only: nginx is there
                refused += 1
                reason = f"HTTP {error.code}"
            except (URLError, OSError) as error:  # nginx unreachable: the rest would fail the same way
                raise PurgeFailed(
                    len(urls) - position + refused, len(urls), str(getattr(error, "reason", error))
                ) from None
        if refused:
            raise PurgeFailed(refused, len(urls), reason)
        return dropped
