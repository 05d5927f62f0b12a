from django.core.management.base import BaseCommand, CommandError

from tenants.archiving import ArchiveError, apply, plan


class Command(BaseCommand):
    help = (
        "Make a portal an archive: still served at its addresses, read-only, with a banner, "
        "out of the dashboards' active list (--undo reopens it; --dry-run only says what would change)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The portal's code, e.g. cattien.")
        parser.add_argument("--undo", action="store_true", help="Reopen an archived portal.")
        parser.add_argument("--dry-run", action="store_true", help="Say what would change, change nothing.")

    def handle(self, *args, slug, undo=False, dry_run=False, **options):
        try:
            found = plan(slug, undo=undo)
        except ArchiveError as error:
            raise CommandError(str(error)) from None
        for line in found.lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing changed.")
            return
        apply(found)
        self.stdout.write("Done.")
