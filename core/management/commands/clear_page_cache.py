from django.core.management.base import BaseCommand, CommandError

from core.page_cache.store import page_store
from tenants.models import Tenant


class Command(BaseCommand):
    help = (
        "Make the cached pages of one portal (--tenant) or of every portal unusable. "
        "Touches nothing else in Redis: view counts and visitor statistics are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tenant", help="Slug of the portal; default: every portal.")

    def handle(self, *args, tenant=None, **opts):
        portals = Tenant.objects.all()
        if tenant:
            portals = portals.filter(slug=tenant)
            if not portals.exists():
                raise CommandError(f"No portal has the slug {tenant!r}.")
        ids = list(portals.values_list("pk", flat=True))
        page_store().bump(ids, purge=ids)
        self.stdout.write(f"Cleared the page cache of {len(ids)} portal(s).")
