from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentText(models.Model):
    """The words of one uploaded file, read once (core.document_text), folded for search."""

    class Status(models.TextChoices):
        READ = "read", _("Đã đọc nội dung")
        NO_TEXT = "no-text", _("Tệp không có lớp chữ (bản quét)")
        UNSUPPORTED = "unsupported", _("Loại tệp không đọc được nội dung")
        FAILED = "failed", _("Tệp hỏng hoặc không mở được")

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, primary_key=True, related_name="words"
    )
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices)
    words = models.TextField(blank=True)
    # The file these words came from: a replaced file is read again.
    file_hash = models.CharField(max_length=40, blank=True)
    read_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("nội dung tệp")
        verbose_name_plural = _("nội dung tệp")

    def __str__(self):
        return f"{self.document_id}: {self.get_status_display()}"


def attached_words(page) -> list[str]:
    """The words already read from the files `page` attaches, for its search text. Reads
    the page's attachments as the editor left them, saved or not (modelcluster)."""
    documents = [attachment.document_id for attachment in page.attachments.all() if attachment.document_id]
    words = DocumentText.objects.filter(document_id__in=documents).values_list("words", flat=True)
    return [text for text in words if text]
