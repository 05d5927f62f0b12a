from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.portal_move import PortalMoveError, import_portal


class Command(BaseCommand):
    help = (
        "Import a portal written by export_portal as a new portal here, in one transaction: refused or failed, "
        "nothing is left behind. Its people are matched by username; missing ones are created inactive."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="A file written by `manage.py export_portal`.")
        parser.add_argument("--parent", help="The parent portal's code here (default: the one it had).")
        parser.add_argument(
            "--hostname", help="Its hostname here (default: the one it had; aliases are then left out)."
        )
        parser.add_argument("--slug", help="Its code here (default: the one it had).")

    def handle(self, *args, file, parent=None, hostname=None, slug=None, **options):
        try:
            report = import_portal(file, parent=parent, hostname=hostname, slug=slug)
        except PortalMoveError as error:
            raise CommandError(str(error)) from None
        tenant = report.tenant
        self.stdout.write(
            f"Imported {tenant.slug} ({tenant.name}) at {tenant.site.root_url}/: {report.pages} pages, "
            f"{report.media} images and documents."
        )
        if report.people.matched:
            self.stdout.write(f"Roles given to existing accounts (check they are the same people): "
                              f"{', '.join(report.people.matched)}")  # fmt: skip
        if report.people.created:
            self.stdout.write(f"New accounts, inactive until an administrator turns them on: "
                              f"{', '.join(report.people.created)}")  # fmt: skip
        if report.missing:
            self.stdout.write(
                f"{report.missing} pages, images or documents it pointed at are not in this deployment "
                "(pages of other portals are looked up by portal code and address); those links were dropped."
            )
        if report.dropped:
            self.stdout.write(f"{report.dropped} rows pointed at what this deployment does not have and were left out.")
