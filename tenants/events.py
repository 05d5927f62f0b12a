"""What the apps below core announce, for core to act on without their importing it.

portal_pages_changed: what these portals' pages show has changed, and it is committed
(a theme edited, portals merged). Sent with tenant_ids; the page cache
(core.page_cache.invalidation) makes their cached pages unreachable. Send it after the
commit, or a request could cache the old content again in between."""

from django.dispatch import Signal

portal_pages_changed = Signal()
