"""Keep the hostname map in step with the database in every process."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Collection, Page, Site

from .models import Tenant, TenantAlias
from .registry import registry


@receiver([post_save, post_delete], sender=Tenant)
@receiver([post_save, post_delete], sender=TenantAlias)
@receiver([post_save, post_delete], sender=Site)
@receiver([post_save, post_delete], sender=Collection)  # the registry maps collections to portals
def portals_changed(**kwargs):
    registry.changed()


@receiver(post_save)
def home_page_translated(sender, instance, created, **kwargs):
    # A translation of a portal's home page is a new root of that portal's pages.
    if created and isinstance(instance, Page) and instance.depth == 2:
        registry.changed()
