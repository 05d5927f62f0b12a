"""The words inside attached files, so a reader who remembers a phrase of a directive
finds it even when the phrase is only in the signed PDF.

Text is read once per uploaded file, by a Celery task (a 20 MB scan must not hold up
the editor's upload), with pypdf for PDF and python-docx for DOCX; other types and
files that hold no text layer (a scanned page) are recorded as having none. Only the
folded form is kept (core.text.fold: what search compares against), capped so a
500-page annex cannot make every lookup scan megabytes.
"""

import logging
from pathlib import Path

from django.db import transaction

from core.text import fold

logger = logging.getLogger(__name__)

# About 15 pages of a directive: its number, subject, and what it orders.
MAX_CHARACTERS = 30_000
MAX_PAGES = 50


def _pdf_text(stream) -> str:
    from pypdf import PdfReader

    reader = PdfReader(stream)
    if reader.is_encrypted:
        reader.decrypt("")  # most "protected" official PDFs only forbid editing
    parts, length = [], 0
    for page in reader.pages[:MAX_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text)
        if length >= MAX_CHARACTERS:
            break
    return "\n".join(parts)


def _docx_text(stream) -> str:
    import docx

    document = docx.Document(stream)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _plain_text(stream) -> str:
    return stream.read(MAX_CHARACTERS * 4).decode("utf-8", errors="replace")


READERS = {".pdf": _pdf_text, ".docx": _docx_text, ".txt": _plain_text}


def extract_text(name: str, stream) -> str | None:
    """The text of a file, or None when its type is one we cannot read."""
    reader = READERS.get(Path(name).suffix.lower())
    if reader is None:
        return None
    return reader(stream)


def folded_words(text: str) -> str:
    """Folded, with runs of whitespace made one space, at most MAX_CHARACTERS."""
    return " ".join(fold(text).split())[:MAX_CHARACTERS]


def read_document(document) -> None:
    """Read one document's file and store its words; re-fold the pages that attach it."""
    from core.models import DocumentText

    status, words = DocumentText.Status.UNSUPPORTED, ""
    try:
        with document.open_file() as stream:
            text = extract_text(document.file.name, stream)
    except Exception as exc:  # a damaged or hostile file: recorded, never fatal
        logger.warning("document %s: text could not be read (%s)", document.pk, type(exc).__name__)
        status = DocumentText.Status.FAILED
    else:
        if text is not None:
            words = folded_words(text)
            status = DocumentText.Status.READ if words else DocumentText.Status.NO_TEXT
    with transaction.atomic():
        DocumentText.objects.update_or_create(
            document=document, defaults={"words": words, "status": status, "file_hash": document.file_hash}
        )
        refold_pages_attaching(document.pk)


def refold_pages_attaching(document_id: int) -> int:
    """Bring the search text of every page that attaches this file (documents, and the
    items of the sections the law requires) up to date (no new revision: the editor's
    content did not change)."""
    from core.models import DirectivePage, InformationItemPage

    count = 0
    for model in (DirectivePage, InformationItemPage):
        pages = model.objects.filter(attachments__document_id=document_id).distinct()
        for page in pages:
            page.refresh_derived_fields()
            model.objects.filter(pk=page.pk).update(search_folded=page.search_folded)
        count += len(pages)
    return count


def needs_reading(document) -> bool:
    """True when this file's words were never read, or were read from another file."""
    from core.models import DocumentText

    stored = DocumentText.objects.filter(document_id=document.pk).values_list("file_hash", flat=True).first()
    return stored is None or stored != document.file_hash


def _file_saved(sender, instance, **kwargs):
    from core.tasks import read_document_words

    # update_fields=["file_hash"] comes from Wagtail filling in a missing hash: same file.
    if kwargs.get("raw") or kwargs.get("update_fields") == frozenset({"file_hash"}):
        return

    def send():
        # An upload never fails for want of the broker: the file is read by the next
        # `manage.py read_document_words` instead.
        try:
            read_document_words.apply_async((instance.pk,), retry=False)
        except Exception as exc:
            logger.warning("document %s: reading queued later (%s)", instance.pk, type(exc).__name__)

    transaction.on_commit(send)


def connect():
    from django.db.models.signals import post_save
    from wagtail.documents import get_document_model

    post_save.connect(_file_saved, sender=get_document_model(), dispatch_uid="document-words")
