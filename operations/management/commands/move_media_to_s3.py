from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operations.media_move import MoveError, move_media


class Command(BaseCommand):
    help = (
        "Copy the local media folder (MEDIA_ROOT, or --source) into the S3 bucket the settings name, "
        "under the same names; files already there with the same size are skipped. Nothing local is deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", type=Path, help="The media folder to copy (default: MEDIA_ROOT).")
        parser.add_argument("--dry-run", action="store_true", help="Only say what would be copied.")

    def handle(self, *args, source=None, dry_run=False, **options):
        try:
            moved = move_media(Path(source or settings.MEDIA_ROOT), dry_run=dry_run)
        except MoveError as error:
            raise CommandError(str(error)) from None
        verb = "Would copy" if dry_run else "Copied"
        self.stdout.write(
            f"{verb} {len(moved.copied)} files ({moved.bytes_copied:,} bytes) to s3://{settings.MEDIA_S3_BUCKET}; "
            f"{len(moved.already_there)} were already there."
        )
