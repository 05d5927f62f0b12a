from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.portal_move import PortalMoveError, export_portal


class Command(BaseCommand):
    help = (
        "Export one portal (its pages in every language, images, documents, snippets, settings, questions, "
        "visitor statistics and its people's roles) into one file, for import_portal in another deployment."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The portal's code, e.g. dateh.")
        parser.add_argument("file", type=Path, help="The file to write, e.g. dateh.portal.tar.gz (must not exist).")

    def handle(self, *args, slug, file, **options):
        try:
            manifest = export_portal(slug, file)
        except PortalMoveError as error:
            raise CommandError(str(error)) from None
        counts = manifest["counts"]
        self.stdout.write(
            f"Exported {slug} into {file}: {counts['pages']} pages, {counts['media']} images and documents, "
            f"{counts['people']} people."
        )
