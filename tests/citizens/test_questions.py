"""Citizens' questions: a citizen on Đạ Tẻh's portal asks, gets a tracking code, and
later reads the published answer; robots are kept out; personal data stays with the
portal's moderators and is erased after the retention period."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from citizens.models import CitizenSettings, Question
from tenants.roles import Role

ASK = "/hoi-dap/gui/"
GOOD = {"topic": "thu-tuc", "question": "Xin hỏi thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ cần những gì?",
        "name": "Nguyễn Văn An", "contact": "an.nguyen@example.vn"}  # fmt: skip


def send(client, data, host="dateh.test", address="203.0.113.20"):
    page = client.get(ASK, HTTP_HOST=host, REMOTE_ADDR=address)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    challenge = re.search(r'name="challenge_token" value="([^"]*)"', page.content.decode())
    payload = {**data, "csrfmiddlewaretoken": token, "challenge_token": challenge.group(1) if challenge else ""}
    return client.post(ASK, payload, HTTP_HOST=host, REMOTE_ADDR=address)


@pytest.fixture
def portals(demo_province, publish):
    return demo_province


def test_a_citizen_asks_gets_a_code_and_reads_the_published_answer(client, portals):
    _province, dateh, _cattien = portals
    sent = send(client, GOOD)
    assert sent.status_code == 200
    code = re.search(r'class="tracking-code">([A-Z0-9]+)<', sent.content.decode()).group(1)
    question = Question.objects.get(tracking_code=code)
    assert question.tenant == dateh and question.status == Question.Status.RECEIVED

    tracked = client.get("/hoi-dap/tra-cuu/", {"ma": code.lower()}, HTTP_HOST="dateh.test").content.decode()
    assert "Đã nhận" in tracked and "Nguyễn Văn An" not in tracked and "an.nguyen" not in tracked
    # Another portal does not know the code.
    assert (
        "Không có câu hỏi nào"
        in client.get("/hoi-dap/tra-cuu/", {"ma": code}, HTTP_HOST="cattien.test").content.decode()
    )

    question.answer = "Hồ sơ gồm đơn đề nghị, bản sao giấy tờ về quyền sử dụng đất và bản vẽ thiết kế."
    question.status = Question.Status.PUBLISHED
    question.full_clean()
    question.save()
    listing = client.get("/hoi-dap/", HTTP_HOST="dateh.test").content.decode()
    assert "bản vẽ thiết kế" in listing and "Nguyễn Văn An" not in listing and "an.nguyen" not in listing
    found = client.get("/hoi-dap/", {"q": "giay phep xay dung"}, HTTP_HOST="dateh.test").content.decode()
    assert "bản vẽ thiết kế" in found  # accent-insensitive
    assert "bản vẽ thiết kế" not in client.get("/hoi-dap/", HTTP_HOST="cattien.test").content.decode()


def test_bad_input_is_refused_in_vietnamese_and_loses_nothing_typed(client, portals):
    refused = send(client, {**GOOD, "contact": "goi cho toi", "question": "ngắn quá"})
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "Nhập một địa chỉ thư điện tử hoặc một số điện thoại" in html
    assert "goi cho toi" in html and "ngắn quá" in html  # what was typed is kept
    assert not Question.objects.exists()


def test_robots_are_kept_out(client, portals):
    _province, dateh, _cattien = portals
    assert send(client, {**GOOD, "website": "http://spam.example"}).status_code == 400
    for number in range(5):
        assert send(client, {**GOOD, "question": f"{GOOD['question']} {number}"}).status_code == 200
    assert send(client, GOOD).status_code == 429  # a sixth within the hour, from one address
    assert send(client, GOOD, address="198.51.100.1").status_code == 200
    # The portal may add a sum to answer.
    settings = CitizenSettings.for_site(dateh.site)
    settings.arithmetic_challenge = True
    settings.save()
    page = client.get(ASK, HTTP_HOST="dateh.test").content.decode()
    assert "Để chống thư rác, xin cho biết" in page
    wrong = send(client, {**GOOD, "challenge_answer": "99"}, address="192.0.2.5")
    assert wrong.status_code == 400 and "Kết quả phép tính chưa đúng" in wrong.content.decode()


def test_moderators_answer_editors_and_other_portals_never_see_the_question(client, portals):
    _province, dateh, cattien = portals
    send(client, GOOD)
    question = Question.objects.get()
    url = f"/admin/snippets/citizens/question/edit/{question.pk}/"
    for tenant, role, expected in (
        (dateh, Role.MODERATOR, 200),
        (dateh, Role.EDITOR, 302),
        (cattien, Role.MODERATOR, 404),
    ):
        user = get_user_model().objects.create_user(f"{tenant.slug}.{role}.qa", password="x")
        user.groups.add(tenant.groups.get(role=role).group)
        client.force_login(user)
        response = client.get(url, HTTP_HOST=f"{tenant.slug}.test")
        assert response.status_code == expected, (tenant.slug, role, response.status_code)
        if expected == 200:
            assert "Nguyễn Văn An" in response.content.decode()
        listing = client.get("/admin/snippets/citizens/question/", HTTP_HOST=f"{tenant.slug}.test").content.decode()
        if tenant != dateh:
            assert question.tracking_code not in listing


def test_a_moderator_finds_a_question_by_its_tracking_code_on_their_portal_only(
    client, portals, django_capture_on_commit_callbacks
):
    _province, dateh, cattien = portals
    with django_capture_on_commit_callbacks(execute=True):  # the search index is written after commit
        send(client, GOOD)
    question = Question.objects.get()
    code, edit_link = question.tracking_code, f"/admin/snippets/citizens/question/edit/{question.pk}/"
    for tenant, found in ((dateh, True), (cattien, False)):
        user = get_user_model().objects.create_user(f"{tenant.slug}.code.qa", password="x")
        user.groups.add(tenant.groups.get(role=Role.MODERATOR).group)
        client.force_login(user)
        response = client.get("/admin/snippets/citizens/question/", {"q": code}, HTTP_HOST=f"{tenant.slug}.test")
        assert response.status_code == 200
        assert (edit_link in response.content.decode()) is found  # (the code itself is echoed in the search box)


def test_an_answer_needs_text_and_a_rejection_a_reason(client, portals):
    from django.core.exceptions import ValidationError

    send(client, GOOD)
    question = Question.objects.get()
    question.status = Question.Status.PUBLISHED
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    assert "answer" in error.value.message_dict
    question.status = Question.Status.REJECTED
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    assert "rejection_reason" in error.value.message_dict


def test_personal_data_is_erased_after_the_portals_retention(client, portals):
    from django.core.management import call_command

    _province, dateh, cattien = portals
    send(client, GOOD)
    send(client, GOOD, host="cattien.test")
    Question.objects.update(created_at=timezone.now() - timedelta(days=40))
    settings = CitizenSettings.for_site(dateh.site)
    settings.retention_days = 30
    settings.save()
    call_command("erase_personal_data")
    kept, erased = Question.objects.get(tenant=cattien), Question.objects.get(tenant=dateh)
    assert (erased.name, erased.contact) == ("", "") and erased.personal_data_erased_at and erased.question
    assert kept.contact == GOOD["contact"]  # Cát Tiên keeps a year
