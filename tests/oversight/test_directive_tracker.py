"""Following 24-CT/TU across the districts: who issued a supervision decision, who
published a report and when, on time or late; reminders once a day to those late."""

import io
import socket
from datetime import date, timedelta

import pytest
from django.core import mail
from openpyxl import load_workbook

from core.models import DirectivePage, DirectiveReminder
from core.tracker import LATE, ON_TIME, OVERDUE, PENDING, progress, send_reminders
from tenants.provisioning import TenantSpec, provision_tenant
from tenants.roles import Role
from tests.factories import member


@pytest.fixture
def directive(demo_province):
    """24-CT/TU with a deadline; Đạ Tẻh's real report on it was published (today, in the
    test database), Cát Tiên has none."""
    page = DirectivePage.objects.get(number_key="24CTTU")
    page.report_deadline = date.today() + timedelta(days=5)
    page.save_revision().publish()
    return DirectivePage.objects.get(pk=page.pk)


def states(directive, today):
    return {row.portal.slug: row.state for row in progress(directive, today)}


def test_each_districts_state_against_the_deadline(directive):
    today = date.today()
    assert states(directive, today) == {"dateh": ON_TIME, "cattien": PENDING}
    later = directive.report_deadline + timedelta(days=1)
    assert states(directive, later) == {"dateh": ON_TIME, "cattien": OVERDUE}
    directive.report_deadline = today - timedelta(days=10)  # Đạ Tẻh reported after it
    assert states(directive, today) == {"dateh": LATE, "cattien": OVERDUE}
    dateh = next(row for row in progress(directive, today) if row.portal.slug == "dateh")
    assert dateh.decision_number == "893-QĐ/HU" and dateh.report_url


def test_late_portals_are_reminded_once_a_day(directive, demo_province):
    _province, _dateh, cattien = demo_province
    member(cattien, Role.MODERATOR, "cattien.kd.nhac", email="kiemduyet@cattien.example.vn")
    after = directive.report_deadline + timedelta(days=1)
    assert send_reminders(after) == 1
    assert send_reminders(after) == 0  # the same day: nothing again
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["kiemduyet@cattien.example.vn"]
    assert "24-CT/TU" in mail.outbox[0].subject
    assert send_reminders(after + timedelta(days=1)) == 1  # the next day, once more


def test_a_reminder_the_mail_server_refused_is_tried_again_next_run(directive, demo_province, settings):
    _province, _dateh, cattien = demo_province
    member(cattien, Role.MODERATOR, "cattien.kd.thulai", email="kiemduyet@cattien.example.vn")
    after = directive.report_deadline + timedelta(days=1)
    with socket.socket() as closed:  # a port nothing listens on: the SMTP connect is refused
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    assert send_reminders(after) == 0
    assert not DirectiveReminder.objects.filter(tenant=cattien).exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_reminders(after) == 1
    assert len(mail.outbox) == 1


def test_the_tracker_in_the_admin_with_csv_and_xlsx_and_the_late_portals_panel(client, directive, demo_province):
    province, _dateh, cattien = demo_province
    other = provision_tenant(TenantSpec(name="Khánh Hòa", slug="khanhhoa", hostname="khanhhoa.test")).tenant
    client.force_login(member(province, Role.PROVINCIAL_ADMIN, "tinh.theodoi"))
    index = client.get("/admin/theo-doi-van-ban/", HTTP_HOST="lamdong.test").content.decode()
    assert "24-CT/TU" in index and "1/2" in index
    url = f"/admin/theo-doi-van-ban/{directive.pk}/"
    html = client.get(url, HTTP_HOST="lamdong.test").content.decode()
    assert "Đã báo cáo đúng hạn" in html and "Chưa báo cáo" in html and "893-QĐ/HU" in html
    assert "Cát Tiên" in client.get(url, {"dinh-dang": "csv"}, HTTP_HOST="lamdong.test").content.decode()
    sheet = load_workbook(io.BytesIO(client.get(url, {"dinh-dang": "xlsx"}, HTTP_HOST="lamdong.test").content)).active
    assert sheet["A1"].value == "Cổng" and sheet.max_row == 3
    # Another province's admin does not follow Lâm Đồng's directives.
    client.force_login(member(other, Role.PROVINCIAL_ADMIN, "khanhhoa.theodoi"))
    assert client.get(url, HTTP_HOST="khanhhoa.test").status_code in (302, 403, 404)
    # Cát Tiên, once late, sees it on its admin home.
    DirectivePage.objects.filter(pk=directive.pk).update(report_deadline=date.today() - timedelta(days=1))
    client.force_login(member(cattien, Role.MODERATOR, "cattien.kd.bang"))
    home = client.get("/admin/", HTTP_HOST="cattien.test").content.decode()
    assert "Văn bản quá hạn báo cáo" in home and "24-CT/TU" in home
