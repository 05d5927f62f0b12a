"""Erasing citizens' personal data once a portal's retention period has passed
(Decree 13/2023/NĐ-CP): questions and comments on drafts stay, the name and contact go."""

from datetime import timedelta

from django.utils import timezone

from tenants.models import Tenant

from .models import CitizenSettings, DraftComment, Question


def erase_expired(now=None) -> int:
    now = now or timezone.now()
    erased = 0
    retention = {s.site_id: s.retention_days for s in CitizenSettings.objects.all()}
    for tenant in Tenant.objects.only("pk", "site_id"):
        days = retention.get(tenant.site_id, CitizenSettings._meta.get_field("retention_days").default)
        for model in (Question, DraftComment):
            erased += (
                model.objects.filter(tenant=tenant, created_at__lt=now - timedelta(days=days))
                .exclude(name="", contact="")
                .update(name="", contact="", personal_data_erased_at=now)
            )
    return erased
