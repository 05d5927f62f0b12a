"""Consultation on draft documents: a citizen comments while the draft is open, the
portal's moderators publish or reject, the published comments show under the draft
without who sent them, and the summary (CSV/XLSX) comes after the deadline. Đạ Tẻh's
draft never takes comments through Cát Tiên, nor is it exported by Cát Tiên."""

from datetime import timedelta

import pytest
from django.utils import timezone

from citizens.models import DraftComment
from citizens.retention import erase_expired
from core.models import DraftDocumentPage
from tenants.roles import Role
from tests.factories import member

DRAFT = "/lay-y-kien-du-thao/du-thao-quy-che-tiep-cong-dan/"


@pytest.fixture
def draft(demo_province):
    return DraftDocumentPage.objects.get(url_path=f"/dateh{DRAFT}")


def comment(client, host="dateh.test", address="203.0.113.50", **fields):
    data = {"part": "Điều 2", "comment": "Đề nghị thêm lịch tiếp công dân buổi tối cho người đi làm.", **fields}
    return client.post(f"{DRAFT}gop-y/", data, HTTP_HOST=host, REMOTE_ADDR=address)


def test_the_draft_shows_its_deadline_and_only_published_comments(client, draft):
    html = client.get(DRAFT, HTTP_HOST="dateh.test").content.decode()
    assert "Đang lấy ý kiến đến hết ngày" in html and f"{draft.closes_on:%d/%m/%Y}" in html
    assert "buổi chiều thứ Bảy" in html and "không quá 10 ngày làm việc" in html
    assert "công khai kết quả tiếp công dân hằng quý" not in html  # still waiting for moderation
    assert "Nguyễn Văn Bình" not in html and "0912 345 678" not in html
    assert (
        "/lay-y-kien-du-thao/du-thao-quy-che-tiep-cong-dan/"
        in client.get("/lay-y-kien-du-thao/", HTTP_HOST="dateh.test").content.decode()
    )


def test_a_comment_is_received_and_bad_input_keeps_what_was_typed(client, draft, demo_province):
    _province, dateh, _cattien = demo_province
    sent = comment(client, name="Trần Thị Lan", contact="lan@example.vn")
    assert sent.status_code == 200 and "Cơ quan đã nhận góp ý của bạn" in sent.content.decode()
    saved = DraftComment.objects.get(name="Trần Thị Lan")
    assert saved.tenant_id == dateh.pk and saved.draft_id == draft.pk and saved.status == "received"

    short = comment(client, comment="Quá ngắn", part="Điều 9")
    assert short.status_code == 400 and "Điều 9" in short.content.decode() and "Quá ngắn" in short.content.decode()
    bad_contact = comment(client, contact="không phải liên hệ")
    assert bad_contact.status_code == 400 and "thư điện tử hoặc một số điện thoại" in bad_contact.content.decode()
    assert comment(client, website="http://spam.example").status_code == 400
    assert DraftComment.objects.filter(draft=draft).count() == 4  # the demo's three and the good one


def test_too_many_comments_from_one_address_wait(client, draft):
    for _ in range(5):
        assert comment(client, address="198.51.100.9").status_code == 200
    held = comment(client, address="198.51.100.9")
    assert held.status_code == 429 and "một giờ qua" in held.content.decode()


def test_a_closed_draft_takes_no_comment(client, draft):
    DraftDocumentPage.objects.filter(pk=draft.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    assert "Đã hết hạn góp ý" in client.get(DRAFT, HTTP_HOST="dateh.test").content.decode()
    assert comment(client).status_code == 400
    assert DraftComment.objects.filter(draft_id=draft.pk).count() == 3


def test_another_portal_neither_takes_nor_exports_the_draft(client, draft, demo_province):
    _province, _dateh, cattien = demo_province
    # Cát Tiên has its own draft at that address; Đạ Tẻh's comments never land there.
    comment(client, host="cattien.test", comment="Góp ý gửi qua cổng Cát Tiên cho dự thảo của Cát Tiên.")
    assert DraftComment.objects.filter(draft=draft, comment__contains="cổng Cát Tiên").count() == 0
    DraftDocumentPage.objects.filter(pk=draft.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    client.force_login(member(cattien, Role.MODERATOR, "cattien.kd.duthao"))
    foreign = client.get(f"/admin/gop-y-du-thao/tong-hop/{draft.pk}/?dinh-dang=csv", HTTP_HOST="cattien.test")
    assert foreign.status_code in (403, 404) or foreign["Location"] == "/admin/"
    listing = client.get("/admin/snippets/citizens/draftcomment/", HTTP_HOST="cattien.test")
    assert listing.status_code == 200, listing.get("Location")
    html = listing.content.decode()
    assert "Dự thảo Quy chế tiếp công dân của Cát Tiên" in html  # its own demo comments
    assert "Đạ Tẻh" not in html


def test_the_summary_comes_after_the_deadline_without_who_sent_what(client, draft, demo_province):
    _province, dateh, _cattien = demo_province
    client.force_login(member(dateh, Role.MODERATOR, "dateh.kd.duthao"))
    url = f"/admin/gop-y-du-thao/tong-hop/{draft.pk}/"
    early = client.get(url, {"dinh-dang": "csv"}, HTTP_HOST="dateh.test")
    assert early.status_code == 400 and "còn đang lấy ý kiến" in early.content.decode()
    DraftDocumentPage.objects.filter(pk=draft.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    csv = client.get(url, {"dinh-dang": "csv"}, HTTP_HOST="dateh.test")
    body = csv.content.decode()
    assert csv.status_code == 200 and "Phần góp ý,Nội dung góp ý,Trạng thái,Ngày gửi" in body
    assert "buổi chiều thứ Bảy" in body and "Đã công bố" in body and "Đã nhận" in body
    assert "Nguyễn Văn Bình" not in body and "0912 345 678" not in body
    xlsx = client.get(url, {"dinh-dang": "xlsx"}, HTTP_HOST="dateh.test")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    summary = client.get("/admin/gop-y-du-thao/tong-hop/", HTTP_HOST="dateh.test").content.decode()
    assert draft.title in summary and "Cát Tiên" not in summary


def test_names_and_contacts_are_erased_after_the_retention_period(draft):
    later = timezone.now() + timedelta(days=400)
    assert erase_expired(now=later) >= 1
    kept = DraftComment.objects.get(draft=draft, comment__contains="hằng quý")
    assert kept.name == "" and kept.contact == "" and kept.personal_data_erased_at == later
