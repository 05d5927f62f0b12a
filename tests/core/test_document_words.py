"""Words inside attached files are found by the document lookup: a PDF or DOCX uploaded
in the admin is read once (a Celery task), and the directives attaching it are found by
a phrase that is only in the file, on their own portal and nowhere else."""

import io

import docx
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.documents import get_document_model

from core.celery import app
from core.document_text import MAX_CHARACTERS, folded_words
from core.models import DirectiveIndexPage, DirectivePage, DocumentText, InformationItemPage
from tenants.roles import Role
from tests.factories import directive, member


def pdf_with_text(*lines: str) -> bytes:
    """A one-page PDF whose text layer holds `lines` (ASCII, Helvetica)."""
    text = " ".join(f"({line}) Tj 0 -16 Td" for line in lines)
    stream = f"BT /F1 12 Tf 72 720 Td {text} ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def docx_with_text(*paragraphs: str) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def tasks_run_here():
    """Celery tasks run in this process, as soon as they are sent (after the commit)."""
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


def _upload(client, tenant, name, content, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtaildocs:add_multiple"),
            {"files[]": ContentFile(content, name=name), "collection": tenant.collection.pk},
            HTTP_HOST=f"{tenant.slug}.test",
        )
    assert response.status_code == 200 and response.json()["success"], response.content[:300]
    return get_document_model().objects.get(pk=response.json()["doc_id"])


def _attach(page, document):
    page.attachments.create(document=document)
    page.save_revision().publish()


def _lookup(client, tenant, words):
    html = client.get("/van-ban/", {"q": words}, HTTP_HOST=f"{tenant.slug}.test").content.decode()
    return html


def test_a_phrase_only_in_an_uploaded_pdf_finds_its_directive_on_its_portal_only(
    client, demo_province, tasks_run_here, django_capture_on_commit_callbacks
):
    _province, dateh, cattien = demo_province
    client.force_login(member(dateh, Role.EDITOR, "dateh.editor"))
    document = _upload(
        client,
        dateh,
        "ke-hoach-dan-van.pdf",
        pdf_with_text("Ke hoach trien khai dan van kheo", "tai cac xa vung sau nam 2024"),
        django_capture_on_commit_callbacks,
    )
    assert document.words.status == DocumentText.Status.READ
    assert "dan van kheo" in document.words.words

    index = DirectiveIndexPage.objects.descendant_of(dateh.site.root_page).get()
    page = directive(index, dateh, "77-KH/HU")
    assert "77-KH/HU" not in _lookup(client, dateh, "dân vận khéo vùng sâu")
    _attach(DirectivePage.objects.get(pk=page.pk), document)
    assert "77-KH/HU" in _lookup(client, dateh, "dân vận khéo vùng sâu")  # folded: marks typed or not
    assert "77-KH/HU" in _lookup(client, dateh, "dan van kheo")
    assert "77-KH/HU" not in _lookup(client, cattien, "dan van kheo")


def test_a_phrase_only_in_a_procedures_file_finds_it_in_site_search_on_its_portal_only(
    client, demo_province, tasks_run_here, django_capture_on_commit_callbacks
):
    _province, dateh, cattien = demo_province
    client.force_login(member(dateh, Role.EDITOR, "dateh.editor"))
    document = _upload(
        client,
        dateh,
        "mau-don.docx",
        docx_with_text("Mẫu đơn đề nghị cấp giấy phép chặt hạ cây xanh đô thị"),
        django_capture_on_commit_callbacks,
    )
    item = InformationItemPage.objects.filter(url_path__startswith="/dateh/thu-tuc-hanh-chinh/").first()
    client.logout()
    assert item.title not in _site_search(client, dateh, "chặt hạ cây xanh")
    item.attachments.create(document=document)
    item.save_revision().publish()
    assert item.title in _site_search(client, dateh, "chặt hạ cây xanh")
    assert item.title in _site_search(client, dateh, "chat ha cay xanh")
    assert "chặt hạ" not in _site_search(client, cattien, "chat ha cay xanh")
    assert item.title not in _site_search(client, cattien, "chat ha cay xanh")


def _site_search(client, tenant, words):
    return client.get("/tim-kiem/", {"q": words}, HTTP_HOST=f"{tenant.slug}.test").content.decode()


def test_words_read_after_the_page_was_saved_still_reach_it(demo_province):
    _province, dateh, _cattien = demo_province
    index = DirectiveIndexPage.objects.descendant_of(dateh.site.root_page).get()
    page = directive(index, dateh, "78-KH/HU")
    document = get_document_model().objects.create(
        title="phu luc",
        collection=dateh.collection,
        file=ContentFile(docx_with_text("Phụ lục: danh sách thôn đặc biệt khó khăn"), name="phu-luc.docx"),
    )
    _attach(DirectivePage.objects.get(pk=page.pk), document)
    assert "thon dac biet" not in DirectivePage.objects.get(pk=page.pk).search_folded
    call_command("read_document_words", stdout=io.StringIO())  # what the task does, for every waiting file
    assert "thon dac biet kho khan" in DirectivePage.objects.get(pk=page.pk).search_folded


@pytest.mark.parametrize(
    ("name", "content", "status"),
    [
        ("ban-quet.pdf", pdf_with_text(), DocumentText.Status.NO_TEXT),
        ("hong.pdf", b"%PDF-1.4 not really a pdf", DocumentText.Status.FAILED),
        ("hong.docx", b"PK not really a zip", DocumentText.Status.FAILED),
        ("bang.xlsx", b"PK", DocumentText.Status.UNSUPPORTED),
        ("ghi-chu.txt", "Ghi chú: họp giao ban".encode(), DocumentText.Status.READ),
    ],
)
def test_files_with_no_readable_words_are_recorded_and_never_break_the_upload(
    client, demo_province, tasks_run_here, django_capture_on_commit_callbacks, name, content, status
):
    _province, dateh, _cattien = demo_province
    client.force_login(member(dateh, Role.EDITOR, "dateh.editor"))
    document = _upload(client, dateh, name, content, django_capture_on_commit_callbacks)
    assert DocumentText.objects.get(document=document).status == status


def test_a_file_is_read_once_and_again_only_when_replaced(demo_province, tasks_run_here):
    from core.tasks import read_document_words

    _province, dateh, _cattien = demo_province
    document = get_document_model().objects.create(
        title="a", collection=dateh.collection, file=ContentFile(b"mot hai", name="a.txt")
    )
    document.file_hash = "one"
    document.save()
    assert read_document_words(document.pk) is True
    assert read_document_words(document.pk) is False
    document.file = ContentFile(b"ba bon", name="b.txt")
    document.file_hash = "two"
    document.save()
    assert read_document_words(document.pk) is True
    assert document.words.words == "ba bon"


def test_stored_words_are_capped_and_the_command_counts_first(demo_province):
    assert len(folded_words("chữ " * MAX_CHARACTERS)) == MAX_CHARACTERS
    _province, dateh, _cattien = demo_province
    get_document_model().objects.create(
        title="c", collection=dateh.collection, file=ContentFile(b"bay tam", name="c.txt")
    )
    out = io.StringIO()
    call_command("read_document_words", "--dry-run", stdout=out)
    assert out.getvalue().strip() == "Sẽ đọc 1 tệp."
    assert not DocumentText.objects.exists()
