"""Bump a portal's cache generation whenever what its pages show changes.

Portals list each other's pages: a district lists its province's directives, and a
provincial directive page lists the districts' supervision reports. So a change in
one portal invalidates that portal, the portals above it and the portals below it;
other portals (sibling districts) stay warm.

Bumps happen after the transaction commits, so no request can re-cache the old
content between the bump and the commit. A change of content makes pages stale
(served while rendered again, core.page_cache.store); a page that must not be shown
any more (unpublished, deleted, moved, made private), or a portal's own record or
site changing, purges its portal: its copies are never served again.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from tenants.events import portal_pages_changed
from tenants.models import Tenant
from tenants.registry import registry
from tenants.visibility import related_portals, tenant_of_page

from . import purge_urls
from .front_purge import purge_after_commit
from .store import page_store


def invalidate(tenant_ids, purge=False, front=True):
    """Make these portals' and their relatives' pages stale once the transaction
    commits; with purge, these portals' own pages unusable (their relatives only list
    what changed: stale is enough for them). In a cache in front, these portals' home
    pages go (front=False: the caller names what goes there)."""
    tenant_ids = list(tenant_ids)
    ids = set()
    for tenant_id in tenant_ids:
        record = registry.by_id(tenant_id)
        if record is not None:
            ids.update(r.id for r in related_portals(record))
    _bump_after_commit(ids, set(tenant_ids) if purge else set())
    if front:  # after the bump: a copy fetched again once purged must not be ours from before
        purge_after_commit(purge_urls.homes, tenant_ids)


def _bump_after_commit(ids, purged):
    if ids or purged:
        transaction.on_commit(lambda: page_store().bump(ids, purge=purged))


def _portal_of(page):
    return tenant_of_page(page) if page is not None and page.path else None


@receiver(portal_pages_changed)
def pages_changed(sender, tenant_ids, purge=False, **kwargs):
    """Sent after the commit by the apps below core (tenants.events): these portals only."""
    page_store().bump(tenant_ids, purge=tenant_ids if purge else ())
    purge_after_commit(purge_urls.homes, tenant_ids)


def invalidate_page(page, purge=False):
    """Only the portals whose pages show this page: its own, and for documents and
    supervision reports the portals above and below it (they share documents and
    list reports); for an article, the portals whose home embeds its news. A
    provincial news article then leaves every district's pages as they are."""
    record = _portal_of(page)
    if record is not None:
        showing = portals_showing(page, record)
        _bump_after_commit(showing, {record.id} if purge else set())
        # Sent after the bump (on_commit keeps the order): once nginx has dropped a copy,
        # the next reader's answer must not be our page cache's copy from before.
        purge_after_commit(purge_urls.for_page, page, record, showing)


def portals_showing(page, record) -> set[int]:
    from core.models import ArticlePage, DirectiveIndexPage, DirectivePage, SupervisionReportPage

    kind = page.specific_class or type(page)
    if issubclass(kind, (DirectivePage, DirectiveIndexPage, SupervisionReportPage)):
        return {r.id for r in related_portals(record)}
    if issubclass(kind, ArticlePage):
        return {record.id, *embedding_news_of(record)}
    return {record.id}


def embedding_news_of(record) -> set[int]:
    """Portals above or below this one whose home has a latest-news box that lists it
    (core.blocks.LatestNewsBlock promises those are fresh; others lag up to the TTL)."""
    from core.models import HomePage

    relatives = {path: r.id for r in related_portals(record) if r.id != record.id for path in r.root_paths}
    if not relatives:
        return set()
    found = set()
    for path, body in HomePage.objects.filter(path__in=relatives).values_list("path", "body"):
        for block in body.raw_data if body else []:
            if block.get("type") == "latest_news" and record.slug in ((block.get("value") or {}).get("portals") or ()):
                found.add(relatives[path])
    return found


@receiver(page_published)
def page_changed(sender, instance, **kwargs):
    invalidate_page(instance)


@receiver(page_unpublished)
def page_withdrawn(sender, instance, **kwargs):
    invalidate_page(instance, purge=True)


@receiver(post_page_move)
def page_moved(sender, instance, parent_page_before, parent_page_after, url_path_before=None, **kwargs):
    for parent in (parent_page_before, parent_page_after):
        record = _portal_of(parent)
        if record is not None:  # its old address and both listings: purge, with the relatives stale
            invalidate([record.id], purge=True, front=False)
    if url_path_before:
        purge_after_commit(purge_urls.for_move, instance, url_path_before, [parent_page_before, parent_page_after])


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and type(instance) is sender:  # once per page, not per table
        invalidate_page(instance, purge=True)


@receiver([post_save, post_delete], sender=PageViewRestriction)
def privacy_changed(sender, instance, **kwargs):
    """A page made private (or public again): no copy made before may be served."""
    invalidate_page(instance.page, purge=True)


@receiver([post_save, post_delete], sender=Tenant)
def portal_changed(sender, instance, **kwargs):
    invalidate([instance.pk], purge=True)


@receiver([post_save, post_delete], sender=Site)
def site_changed(sender, instance, **kwargs):
    tenant = Tenant.objects.filter(site_id=instance.pk).values_list("pk", flat=True).first()
    if tenant:
        invalidate([tenant], purge=True)


def _owned_by_portal(sender, instance, **kwargs):
    """Snippets that belong to a portal (categories, issuing bodies)."""
    invalidate([instance.tenant_id])


def _media_changed(sender, instance, **kwargs):
    """An image or document renamed, replaced or deleted: pages show its URL and text."""
    owners = list(Tenant.objects.filter(collection_id=instance.collection_id).values_list("pk", flat=True))
    invalidate(owners, front=False)
    purge_after_commit(purge_urls.for_media, instance, owners)


def connect():
    from core.alerts import alert_changed
    from core.models import IssuingBody, NewsCategory, ProvinceAlert

    post_save.connect(alert_changed, sender=ProvinceAlert, dispatch_uid="pagecache-alert-save")
    post_delete.connect(alert_changed, sender=ProvinceAlert, dispatch_uid="pagecache-alert-delete")
    for model in (NewsCategory, IssuingBody):
        post_save.connect(_owned_by_portal, sender=model, dispatch_uid=f"pagecache-{model.__name__}-save")
        post_delete.connect(_owned_by_portal, sender=model, dispatch_uid=f"pagecache-{model.__name__}-delete")
    for model in (get_image_model(), get_document_model()):
        post_save.connect(_media_changed, sender=model, dispatch_uid=f"pagecache-{model.__name__}-save")
        post_delete.connect(_media_changed, sender=model, dispatch_uid=f"pagecache-{model.__name__}-delete")
