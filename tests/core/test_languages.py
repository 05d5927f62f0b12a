import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale


@pytest.mark.django_db
def test_vietnamese_and_english_exist_from_the_first_migration():
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"vi", "en", "kpm"}
    assert Locale.get_default().language_code == "vi"


def test_admin_speaks_vietnamese_to_a_new_user(client, dateh):
    user = get_user_model().objects.create_user("moi", password="x")
    user.groups.add(dateh.groups.get(role="editor").group)
    client.force_login(user)
    response = client.get("/admin/", HTTP_HOST=dateh.hostname)
    assert response.status_code == 200
    assert '<html lang="vi"' in response.content.decode()


def test_public_pages_are_vietnamese_at_the_root(client, dateh, publish):
    publish(dateh)
    response = client.get("/", HTTP_HOST=dateh.hostname, HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="vi">' in response.content.decode()
