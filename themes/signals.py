"""A portal's look changed: drop that portal's cached pages (and only that portal's)
once the change is committed, so its next request shows the new look."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Site

from tenants.events import portal_created, portal_pages_changed
from tenants.models import Tenant

from .active import settings_cache_key
from .models import HeaderLink, ThemeSettings, ThemeTranslation


def _settings_changed(sender, instance, **kwargs):
    if isinstance(instance, ThemeSettings):
        site_id = instance.site_id
    else:  # a child row; when its settings are deleted too, their own signal covers it
        site_id = ThemeSettings.objects.filter(pk=instance.settings_id).values_list("site_id", flat=True).first()
    tenant_id = Tenant.objects.filter(site_id=site_id).values_list("pk", flat=True).first()

    def forget():
        cache.delete(settings_cache_key(site_id))
        if tenant_id is not None:
            portal_pages_changed.send(sender=ThemeSettings, tenant_ids={tenant_id})

    transaction.on_commit(forget)


def _image_deleted(sender, instance, **kwargs):
    """A logo, banner or EMC image deleted: settings pointing at it were set to NULL
    by SQL, without signals, so forget every portal's cached settings."""
    site_ids = list(Site.objects.values_list("pk", flat=True))
    transaction.on_commit(lambda: cache.delete_many([settings_cache_key(pk) for pk in site_ids]))


def _portal_created(sender, tenant, home, **kwargs):
    ThemeSettings.objects.create(site=tenant.site)  # the default look, until its moderators change it


def connect():
    portal_created.connect(_portal_created, dispatch_uid="theme-of-new-portal")
    for model in (ThemeSettings, ThemeTranslation, HeaderLink):
        post_save.connect(_settings_changed, sender=model, dispatch_uid=f"theme-changed-{model.__name__}")
        post_delete.connect(_settings_changed, sender=model, dispatch_uid=f"theme-deleted-{model.__name__}")
    post_delete.connect(_image_deleted, sender=get_image_model(), dispatch_uid="theme-image-deleted")
