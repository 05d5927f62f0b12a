from django.core.management.base import BaseCommand, CommandError

from tenants.merging import MergeError, merge


class Command(BaseCommand):
    help = (
        "Merge portals into one (the 2025 reform): their pages, media, questions, people and visit "
        "figures move into the target; their addresses answer 301 there. --dry-run reports and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("target", help="The portal that remains, e.g. dateh.")
        parser.add_argument("sources", nargs="+", help="The portals merged into it, e.g. cattien dahuoai.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would change, change nothing.")

    def handle(self, *args, target, sources, dry_run=False, **options):
        try:
            report = merge(target, sources, dry_run=dry_run)
        except MergeError as error:
            raise CommandError(str(error)) from None
        for line in report.lines():
            self.stdout.write(line)
