"""An admin URL naming another portal's object answers exactly as one naming an object
that does not exist (Wagtail's own admin 404, in Vietnamese): the answer must not tell
a district which ids its neighbours use."""

import pytest
from django.urls import reverse

from tenants.roles import Role
from tests.factories import member


@pytest.mark.parametrize("role", [Role.EDITOR, Role.MODERATOR])
def test_another_portals_object_and_a_missing_one_get_the_same_answer(client, demo_province, role):
    _province, dateh, cattien = demo_province
    client.force_login(member(dateh, role, f"dateh.{role}.404"))
    foreign, missing = cattien.site.root_page_id, 999_999
    for name in ("wagtailadmin_pages:edit", "wagtailadmin_pages:history", "wagtailadmin_pages:delete"):
        answers = [client.get(reverse(name, args=[pk]), HTTP_HOST="dateh.test") for pk in (foreign, missing)]
        assert [a.status_code for a in answers] == [404, 404], name
        assert answers[0].content == answers[1].content, name
        html = answers[0].content.decode()
        assert "Cát Tiên" not in html
        assert "Lỗi 404" in html and "Error 404" not in html  # the editor's language
    # The portal's own pages are still the editor's.
    assert (
        client.get(
            reverse("wagtailadmin_pages:edit", args=[dateh.site.root_page_id]), HTTP_HOST="dateh.test"
        ).status_code
        == 200
    )
