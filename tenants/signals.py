"""Keep the hostname map in step with the database in every process."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Site

from .models import Tenant, TenantAlias
from .registry import registry


@receiver([post_save, post_delete], sender=Tenant)
@receiver([post_save, post_delete], sender=TenantAlias)
@receiver([post_save, post_delete], sender=Site)
def portals_changed(**kwargs):
    registry.changed()
