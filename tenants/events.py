"""What tenants and the apps beside it announce, for the apps above to act on without
being imported by them.

portal_created: a portal and its home page exist, inside the transaction that creates
them (tenants.provisioning). Sent with tenant and home; the apps above add what every
portal starts with (themes: its default look; core: the sections the law requires).
A receiver that fails rolls the whole creation back: never a half-created portal.

portal_pages_changed: what these portals' pages show has changed, and it is committed
(a theme edited, portals merged). Sent with tenant_ids, and purge=True when no copy
made before may be shown again; the page cache (core.page_cache.invalidation) makes
their cached pages stale, or unusable with purge. Send it after the
commit, or a request could cache the old content again in between."""

from django.dispatch import Signal

portal_created = Signal()
portal_pages_changed = Signal()
