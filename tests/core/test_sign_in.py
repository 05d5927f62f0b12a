"""Signing in: throttled per account and per address, in Vietnamese, storing nothing
about who tried from where."""

import re

import pytest
from django.contrib.auth import get_user_model

from tenants.roles import Role

LOGIN = "/admin/login/"


def attempt(client, username, password, address="203.0.113.7"):
    page = client.get(LOGIN, HTTP_HOST="dateh.test", REMOTE_ADDR=address)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    return client.post(
        LOGIN,
        {"username": username, "password": password, "csrfmiddlewaretoken": token, "next": "/admin/"},
        HTTP_HOST="dateh.test",
        REMOTE_ADDR=address,
    )


@pytest.fixture
def editor(dateh):
    user = get_user_model().objects.create_user("dateh.bientap", password="dung-mat-khau-2026")
    user.groups.add(dateh.groups.get(role=Role.EDITOR).group)
    return user


def test_guessing_a_password_locks_the_account_even_for_the_right_one(client, editor, settings):
    answers = [attempt(client, "dateh.bientap", "sai-mat-khau").status_code for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert answers == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]  # the last wrong guess locks
    refused = attempt(client, "dateh.bientap", "dung-mat-khau-2026")
    assert refused.status_code == 429
    assert "Tạm khóa đăng nhập" in refused.content.decode() and "15 phút" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_one_address_guessing_many_accounts_is_locked_out(client, editor, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, f"khong-co-{number}", "sai", address="198.51.100.9")
    assert attempt(client, "dateh.bientap", "dung-mat-khau-2026", address="198.51.100.9").status_code == 429
    # The account itself was not guessed at: from elsewhere it signs in.
    assert attempt(client, "dateh.bientap", "dung-mat-khau-2026", address="192.0.2.1").status_code == 302


def test_a_right_password_before_the_limit_signs_in_and_nothing_is_stored(client, editor):
    from django.apps import apps

    attempt(client, "dateh.bientap", "sai-mat-khau")
    assert attempt(client, "dateh.bientap", "dung-mat-khau-2026").status_code == 302
    for model in apps.get_app_config("axes").get_models():
        assert not model.objects.exists(), f"{model.__name__} keeps rows"
