from datetime import UTC, datetime

from django.core.management.base import BaseCommand, CommandError

from analytics.floors import reseed
from analytics.models import VisitBaseline
from analytics.periods import periods_of
from analytics.recorder import recorder
from tenants.models import Tenant


class Command(BaseCommand):
    help = (
        "Carry a portal's visit counter over from its old site: the all-time total and, "
        "optionally, this year's, month's and week's figures (they count for the current period)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tenant", required=True, help="Slug of the portal, e.g. dateh.")
        parser.add_argument("--total", type=int, required=True, help="All-time visits on the old site, e.g. 2587620.")
        parser.add_argument("--year", type=int, default=0, help="Visits this year on the old site.")
        parser.add_argument("--month", type=int, default=0, help="Visits this month on the old site.")
        parser.add_argument("--week", type=int, default=0, help="Visits this week on the old site.")

    def handle(self, *args, tenant, total, year, month, week, **opts):
        portal = Tenant.objects.filter(slug=tenant).first()
        if portal is None:
            raise CommandError(f"No portal has the slug {tenant!r}.")
        if min(total, year, month, week) < 0:
            raise CommandError("Figures cannot be negative.")
        if not total >= year >= month >= week:
            raise CommandError("Expected total ≥ year ≥ month ≥ week.")
        p = periods_of(datetime.now(UTC))
        VisitBaseline.objects.update_or_create(
            tenant=portal,
            defaults={
                "total": total, "year": int(p.year), "year_visits": year,
                "month": p.month, "month_visits": month, "week": p.week, "week_visits": week,
            },
        )  # fmt: skip
        reseed(recorder(), portal.id)
        self.stdout.write(f"Baseline for {portal.name}: {total:,} visits in all ({year:,} this year).")
