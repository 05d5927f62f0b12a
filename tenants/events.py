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
commit, or a request could cache the old content again in between.

Merging portals (tenants.merging) is announced in three steps, so that each app above
moves its own rows and tenants names none of them:
- merge_starting: before the transaction, not on a dry run; sent with tenants (the
  target first). A receiver may refuse with tenants.merging.MergeError (analytics:
  the counts still in Redis could not be written to SQL).
- portal_merging: inside the transaction, once per source, sent with source and
  target: every row of the receiver's app that points at the source goes to the
  target. A receiver returns the figures it adds to the source's report, as a dict
  ({"questions": 3}), or None.
- portals_merged: after the commit, sent with target_id and source_ids (analytics:
  forget the live numbers, reseeded from the merged SQL)."""

from django.dispatch import Signal

portal_created = Signal()
portal_pages_changed = Signal()
merge_starting = Signal()
portal_merging = Signal()
portals_merged = Signal()
