"""Read the words of files uploaded before document search read them (or whose reading
failed), so the document lookup finds phrases inside them. Each file is read once;
--dry-run counts what would be read."""

from django.core.management.base import BaseCommand
from wagtail.documents import get_document_model

from core.document_text import needs_reading, read_document


class Command(BaseCommand):
    help = "Đọc nội dung các tệp đính kèm chưa được đọc, để tra cứu văn bản tìm được chữ trong tệp."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không đọc tệp nào.")
        parser.add_argument("--again", action="store_true", help="Đọc lại cả các tệp đã đọc.")

    def handle(self, *args, dry_run=False, again=False, **options):
        documents = get_document_model().objects.order_by("pk")
        waiting = [document for document in documents.iterator() if again or needs_reading(document)]
        if dry_run:
            self.stdout.write(f"Sẽ đọc {len(waiting)} tệp.")
            return
        for document in waiting:
            read_document(document)
        self.stdout.write(f"Đã đọc {len(waiting)} tệp.")
