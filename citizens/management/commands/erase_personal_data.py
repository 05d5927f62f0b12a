from django.core.management.base import BaseCommand

from citizens.retention import erase_expired


class Command(BaseCommand):
    help = "Erase the names and contacts of citizens' questions older than each portal's retention period."

    def handle(self, *args, **options):
        self.stdout.write(f"Erased the personal data of {erase_expired()} questions.")
