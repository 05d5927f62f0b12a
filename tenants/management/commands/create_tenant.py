from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tenants.models import Tenant
from tenants.provisioning import ProvisioningError, TenantSpec, provision_tenant

# The option that carries each field of a refused spec.
OPTIONS = {
    "name": "--name",
    "slug": "--slug",
    "hostname": "--hostname",
    "aliases": "--alias",
    "parent": "--parent",
    "level": "--level",
    "port": "--port",
}


class Command(BaseCommand):
    help = (
        "Create a portal (tenant): its Wagtail site, home page, media collection and "
        "editor/moderator groups, in one transaction. Running it again with the same "
        "options changes nothing; bad input is refused and creates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help='Display name, e.g. "Đạ Tẻh".')
        parser.add_argument("--slug", required=True, help="Short ASCII code, e.g. dateh.")
        parser.add_argument("--hostname", required=True, help="Primary hostname, e.g. dateh.lamdong.gov.vn.")
        parser.add_argument(
            "--alias",
            action="append",
            default=[],
            dest="aliases",
            help="Another hostname that redirects to the primary one (repeatable).",
        )
        parser.add_argument("--parent", help="Slug of the parent portal (a district's province).")
        parser.add_argument(
            "--level",
            choices=Tenant.Level.values,
            help="Administrative level; default: district with --parent, otherwise province.",
        )
        parser.add_argument(
            "--port",
            type=int,
            default=80,
            help="Port the public URLs use (80 behind a proxy; 8000 for the demo).",
        )

    def handle(self, *args, **opts):
        spec = TenantSpec(
            name=opts["name"],
            slug=opts["slug"],
            hostname=opts["hostname"],
            level=opts["level"],
            parent=opts["parent"],
            aliases=opts["aliases"],
            port=opts["port"],
        )
        try:
            with translation.override("en"):  # said to an operator at a terminal
                result = provision_tenant(spec)
        except ProvisioningError as exc:
            option = OPTIONS.get(exc.field)
            raise CommandError(f"Refused: {option + ': ' if option else ''}{exc.message}") from None
        tenant = result.tenant
        if result.created:
            self.stdout.write(
                self.style.SUCCESS(f"Created portal {tenant.slug!r} ({tenant.name}) at {tenant.site.root_url}/")
            )
        elif result.added_aliases:
            self.stdout.write(f"Portal {tenant.slug!r} exists; added aliases: {', '.join(result.added_aliases)}")
        else:
            self.stdout.write(f"Portal {tenant.slug!r} already exists with these settings; nothing changed.")
