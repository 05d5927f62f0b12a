from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backups import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup into an empty database and media folder, then compare them with the backup's manifest."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="A folder written by `manage.py backup`.")

    def handle(self, *args, folder, **options):
        try:
            differences = restore(folder)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if differences["tables"] or differences["media"]:
            raise CommandError(f"Restored, but it differs from the backup: {differences}")
        self.stdout.write(f"Restored {folder}: every table's row count and every media file match the backup.")
