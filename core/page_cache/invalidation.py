"""Bump a portal's cache generation whenever what its pages show changes.

Portals list each other's pages: a district lists its province's directives, and a
provincial directive page lists the districts' supervision reports. So a change in
one portal invalidates that portal, the portals above it and the portals below it;
other portals (sibling districts) stay warm.

Bumps happen after the transaction commits, so no request can re-cache the old
content between the bump and the commit.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from tenants.events import portal_pages_changed
from tenants.models import Tenant
from tenants.registry import registry
from tenants.visibility import related_portals, tenant_of_page

from .store import page_store


def invalidate(tenant_ids):
    """Invalidate these portals and their relatives, once the transaction commits."""
    ids = set()
    for tenant_id in tenant_ids:
        record = registry.by_id(tenant_id)
        if record is not None:
            ids.update(r.id for r in related_portals(record))
    if ids:
        transaction.on_commit(lambda: page_store().bump(ids))


@receiver(portal_pages_changed)
def pages_changed(sender, tenant_ids, **kwargs):
    """Sent after the commit by the apps below core (tenants.events): these portals only."""
    page_store().bump(tenant_ids)


def invalidate_page(page):
    record = tenant_of_page(page) if page is not None and page.path else None
    if record is not None:
        invalidate([record.id])


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    invalidate_page(instance)


@receiver(post_page_move)
def page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    invalidate_page(parent_page_before)
    invalidate_page(parent_page_after)


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and type(instance) is sender:  # once per page, not per table
        invalidate_page(instance)


@receiver([post_save, post_delete], sender=Tenant)
def portal_changed(sender, instance, **kwargs):
    invalidate([instance.pk])


@receiver([post_save, post_delete], sender=Site)
def site_changed(sender, instance, **kwargs):
    tenant = Tenant.objects.filter(site_id=instance.pk).values_list("pk", flat=True).first()
    if tenant:
        invalidate([tenant])


def _owned_by_portal(sender, instance, **kwargs):
    """Snippets that belong to a portal (categories, issuing bodies)."""
    invalidate([instance.tenant_id])


def _media_changed(sender, instance, **kwargs):
    """An image or document renamed, replaced or deleted: pages show its URL and text."""
    invalidate(Tenant.objects.filter(collection_id=instance.collection_id).values_list("pk", flat=True))


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
