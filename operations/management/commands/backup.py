from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backups import BackupError, backup


class Command(BaseCommand):
    help = "Flush the live view counts, then back up the database and the media folder into an empty folder."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="An empty (or new) folder for the backup.")

    def handle(self, *args, folder, **options):
        try:
            manifest = backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Backed up {rows:,} rows in {len(manifest['tables'])} tables and {len(manifest['media'])} media files "
            f"({manifest['flushed_views']} views flushed first) into {folder}"
        )
