"""Decree 42's required content areas: every portal is provisioned with them (a new
commune starts complete), each portal's items stay in its own sections, the weekly
work calendar checks its dates, and the compliance view sees which are filled."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from core.compliance import compliance
from core.models import (
    HomePage,
    InformationItemPage,
    InformationSectionPage,
    WorkCalendarEntry,
    WorkCalendarPage,
    WorkWeekPage,
)
from core.sections import REQUIRED
from tenants.models import Tenant
from tenants.provisioning import TenantSpec, provision_tenant


def home_of(tenant) -> HomePage:
    return HomePage.objects.get(pk=tenant.site.root_page_id)


def test_a_new_portal_starts_with_every_required_section(client, province):
    commune = provision_tenant(
        TenantSpec(name="Xã Tân Hà", slug="tanha", hostname="tanha.test", parent="lamdong", level="commune")
    ).tenant
    home = home_of(commune)
    children = {page.slug: page.specific for page in home.get_children().live()}
    assert list(children) == [slug for slug, *_ in REQUIRED]
    procedures = children["thu-tuc-hanh-chinh"]
    assert isinstance(procedures, InformationSectionPage) and procedures.kind == "procedures"
    answer = client.get("/thu-tuc-hanh-chinh/", HTTP_HOST="tanha.test")
    assert answer.status_code == 200 and "Chuyên mục đang được cập nhật." in answer.content.decode()
    assert client.get("/lich-cong-tac/", HTTP_HOST="tanha.test").status_code == 200
    sitemap = client.get("/so-do-trang/", HTTP_HOST="tanha.test").content.decode()
    assert "Thủ tục hành chính" in sitemap and "Lịch công tác" in sitemap and "/hoi-dap/" in sitemap
    # The province's own sections are its own: the commune's are under the commune's home.
    assert not InformationSectionPage.objects.child_of(home_of(province)).filter(pk=procedures.pk).exists()


def test_ensure_sections_adds_what_an_older_portal_lacks_and_dry_run_changes_nothing(capsys, dateh, cattien):
    InformationSectionPage.objects.child_of(home_of(dateh)).get(slug="ngan-sach").delete()
    call_command("ensure_sections", "--dry-run")
    out = capsys.readouterr().out
    assert "dateh: sẽ tạo ngan-sach" in out and "cattien: sẽ tạo không có gì" in out
    assert not InformationSectionPage.objects.child_of(home_of(dateh)).filter(slug="ngan-sach").exists()
    call_command("ensure_sections", "dateh")
    assert "dateh: đã tạo ngan-sach" in capsys.readouterr().out
    assert InformationSectionPage.objects.child_of(home_of(dateh)).filter(slug="ngan-sach", live=True).exists()
    with pytest.raises(CommandError, match="khongco"):
        call_command("ensure_sections", "khongco")


def test_each_portals_items_stay_in_its_own_section(client, demo_province):
    html = client.get("/thu-tuc-hanh-chinh/", HTTP_HOST="dateh.test").content.decode()
    assert "Đăng ký khai sinh" in html
    item = client.get("/thu-tuc-hanh-chinh/dang-ky-khai-sinh/", HTTP_HOST="dateh.test").content.decode()
    assert 'href="https://dichvucong.gov.vn/' in item and "Nộp hồ sơ trên Cổng Dịch vụ công quốc gia" in item
    # The same slug on Cát Tiên is Cát Tiên's own page; Đạ Tẻh's plan never shows there.
    cattien_plans = client.get("/ke-hoach/", HTTP_HOST="cattien.test").content.decode()
    assert "Cát Tiên năm 2025" in cattien_plans and "Đạ Tẻh năm 2025" not in cattien_plans


def test_the_work_calendar_shows_this_week_and_checks_its_dates(client, demo_province):
    html = client.get("/lich-cong-tac/", HTTP_HOST="dateh.test").content.decode()
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    assert f"Lịch công tác tuần {monday:%V}/{monday:%Y}" in html and "Giao ban lãnh đạo đầu tuần" in html
    calendar = WorkCalendarPage.objects.get(url_path__startswith="/dateh/")
    week = WorkWeekPage(title="Tuần sai", slug="tuan-sai", week_start=monday + timedelta(days=2))
    with pytest.raises(ValidationError) as wrong:
        week.full_clean()
    assert "thứ Hai" in str(wrong.value)
    week.week_start = monday
    entry = WorkCalendarEntry(page=week, day=monday + timedelta(days=9), content="Họp")
    with pytest.raises(ValidationError) as outside:
        entry.full_clean(exclude=["page"])
    assert "không thuộc tuần" in str(outside.value)
    assert calendar.get_children().count() == 1


def test_compliance_sees_a_section_left_empty(demo_province):
    _province, dateh, cattien = demo_province
    tenants = list(Tenant.objects.filter(pk__in=[dateh.pk, cattien.pk]).select_related("site"))
    before = {row.tenant.slug: row.check("sections").passed for row in compliance(tenants)}
    assert before == {"dateh": True, "cattien": True}
    InformationItemPage.objects.filter(url_path__startswith="/cattien/ngan-sach/").delete()
    after = {row.tenant.slug: row.check("sections").passed for row in compliance(tenants)}
    assert after == {"dateh": True, "cattien": False}
    # An item of a date long past still counts: the section is not empty.
    assert (
        date(2025, 1, 10)
        == InformationItemPage.objects.get(url_path="/dateh/ngan-sach/cong-khai-du-toan-ngan-sach-2025/").issued_on
    )


def test_an_item_shows_its_files_with_type_and_size(client, demo_province):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from core.models import InformationAttachment

    _province, dateh, _cattien = demo_province
    plan = InformationItemPage.objects.get(url_path="/dateh/ke-hoach/ke-hoach-chuyen-doi-so-2025/")
    signed = get_document_model().objects.create(
        title="Kế hoạch 18/KH-UBND (bản ký)",
        collection=dateh.collection,
        file=ContentFile(b"%PDF-1.4 " * 200, name="18-kh-ubnd.pdf"),
    )
    InformationAttachment.objects.create(page=plan, document=signed, label="Bản ký số")
    html = client.get("/ke-hoach/ke-hoach-chuyen-doi-so-2025/", HTTP_HOST="dateh.test").content.decode()
    files = html.split('<section class="documents">')[1].split("</section>")[0]
    assert "Bản ký số" in files and "(PDF, 1,8 KB)" in files  # 1,800 bytes, Vietnamese decimal comma
