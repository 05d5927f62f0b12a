"""Roles and the editorial workflow, per portal: Đạ Tẻh's moderators approve Đạ Tẻh's
pages and are the only ones told about them; Cát Tiên's cannot touch them."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from wagtail.models import Page

from core.models import NewsArticlePage, NewsIndexPage
from tenants.roles import Role
from tests.factories import member as make_member


def member(tenant, role, name):
    return make_member(tenant, role, name, email=f"{name}@example.invalid")


@pytest.fixture
def people(demo_province):
    _province, dateh, cattien = demo_province
    return {
        "editor": member(dateh, Role.EDITOR, "dateh.bt"),
        "moderator": member(dateh, Role.MODERATOR, "dateh.kd"),
        "other_moderator": member(cattien, Role.MODERATOR, "cattien.kd"),
    }


def submitted_draft(dateh, editor):
    news = NewsIndexPage.objects.descendant_of(dateh.site.root_page).get(slug="tin-tuc")
    page = NewsArticlePage(title="Bài chờ duyệt", slug="bai-cho-duyet", live=False)
    news.add_child(instance=page)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return Page.objects.get(pk=page.pk).specific


def test_each_portal_has_its_own_workflow_for_its_moderators(demo_province):
    _province, dateh, cattien = demo_province
    for tenant in (dateh, cattien):
        workflow = tenant.site.root_page.get_workflow()
        (task,) = [t.specific for t in workflow.tasks]
        assert set(task.groups.all()) == {tenant.groups.get(role=Role.MODERATOR).group}


def test_a_submission_goes_to_that_portals_moderators_only(
    client, demo_province, people, django_capture_on_commit_callbacks
):
    _province, dateh, _cattien = demo_province
    with django_capture_on_commit_callbacks(execute=True):
        page = submitted_draft(dateh, people["editor"])
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {people["moderator"].email}
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])

    client.force_login(people["other_moderator"])
    assert client.post(url, {"comment": "Duyệt hộ"}, HTTP_HOST="cattien.test").status_code == 404
    page.refresh_from_db()
    assert not page.live

    client.force_login(people["moderator"])
    response = client.post(url, {"comment": "Đồng ý đăng"}, HTTP_HOST="dateh.test")
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live


def test_only_superusers_manage_users_and_groups(demo_province):
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()  # Wagtail's stock groups
    user_admin = Permission.objects.filter(
        content_type__app_label="auth", codename__regex=r"^(add|change|delete)_(user|group)$"
    )
    assert not Group.objects.filter(permissions__in=user_admin).exists()


def test_a_user_with_no_portal_is_told_so(client, demo_province):
    user = get_user_model().objects.create_user("moi.vao", password="x")
    client.force_login(user)
    response = client.get("/admin/", HTTP_HOST="dateh.test")
    assert response.status_code == 403
    assert "Bạn chưa được giao cổng thông tin nào" in response.content.decode()


def test_the_dateh_editor_sees_only_dateh_and_the_provincial_admin_all(client, demo_province, people):
    province, *_ = demo_province
    client.force_login(people["editor"])
    chooser = client.get("/admin/choose-page/", HTTP_HOST="dateh.test").json()["html"]
    assert "Đạ Tẻh" in chooser and "Cát Tiên" not in chooser
    admin = member(province, Role.PROVINCIAL_ADMIN, "tinh.qt")
    client.force_login(admin)
    chooser = client.get("/admin/choose-page/", HTTP_HOST="lamdong.test").json()["html"]
    assert all(name in chooser for name in ("Lâm Đồng", "Đạ Tẻh", "Cát Tiên"))
