"""Directive lookup, validation, and the province -> district chain."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from core.models import DirectivePage, IssuingBody, SupervisedDirective, SupervisionReportPage
from tests.factories import directive, publish_child


@pytest.mark.parametrize("spelling", ["24-CT/TU", "24/CT-TU", "24 CT TU", "24ct tu", "24"])
def test_every_spelling_finds_24_ct_tu_from_a_district(client, demo_province, spelling):
    html = client.get("/van-ban/", {"so": spelling}, HTTP_HOST="dateh.test").content.decode()
    assert "Chỉ thị 24-CT/TU" in html
    assert "112-KH/TU" not in html
    assert 'href="http://lamdong.test/van-ban/24-ct-tu/"' in html


def test_districts_list_provincial_directives_but_not_each_others(client, demo_province, sections):
    _province, dateh, _cattien = demo_province
    _, dateh_index = sections(dateh)
    directive(dateh_index, dateh, "15-CT/HU", summary="Chỉ thị riêng của Đạ Tẻh")
    dateh_html = client.get("/van-ban/", HTTP_HOST="dateh.test").content.decode()
    cattien_html = client.get("/van-ban/", HTTP_HOST="cattien.test").content.decode()
    for html in (dateh_html, cattien_html):
        assert "24-CT/TU" in html and "05-NQ/TU" in html
    assert "15-CT/HU" in dateh_html
    assert "15-CT/HU" not in cattien_html
    assert "15-CT/HU" not in client.get("/van-ban/", HTTP_HOST="lamdong.test").content.decode()


def test_filters_by_type_issuer_year_status_and_keyword(client, demo_province):
    province, *_ = demo_province
    issuer = IssuingBody.objects.get(tenant=province)

    def found(**params):
        html = client.get("/van-ban/", params, HTTP_HOST="dateh.test").content.decode()
        return {n for n in ("24-CT/TU", "112-KH/TU", "05-NQ/TU") if n in html.split("<tbody>")[1]}

    assert found(loai="ke-hoach") == {"112-KH/TU"}
    assert found(coquan=issuer.pk) == {"24-CT/TU", "112-KH/TU", "05-NQ/TU"}
    assert found(nam=2018) == {"24-CT/TU"}
    assert found(tinhtrang="expired") == set()
    assert found(q="chuyen doi so") == {"05-NQ/TU"}
    assert found(q="DÂN VẬN") == {"24-CT/TU"}


def test_bookmarkable_query_strings_keep_filters_across_pages(client, demo_province, sections):
    province, *_ = demo_province
    _, index = sections(province)
    for n in range(30):
        directive(index, province, f"{100 + n}-TB/TU", document_type="thong-bao", issue_date=date(2022, 1, 1))
    html = client.get("/van-ban/", {"loai": "thong-bao", "nam": "2022"}, HTTP_HOST="dateh.test").content.decode()
    assert "loai=thong-bao&amp;nam=2022&amp;page=2" in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 10_000},
        {"q": "\u202e\u0000\U0001f600 ' OR 1=1 -- \" * NEAR("},
        {"nam": "abc"},
        {"nam": "99999"},
        {"loai": "khong-co"},
        {"coquan": "999999"},
        {"coquan": "abc"},
        {"so": "---///"},
        {"page": "999"},
    ],
)
def test_bad_input_shows_a_normal_page(client, demo_province, params):
    response = client.get("/van-ban/", params, HTTP_HOST="dateh.test")
    assert response.status_code == 200
    assert "<table" in response.content.decode()


def test_effective_date_before_issue_date_is_refused(demo_province):
    page = DirectivePage.objects.get(number_key="24CTTU")
    page.effective_date = date(2018, 1, 1)
    with pytest.raises(ValidationError) as excinfo:
        page.full_clean()
    assert "effective_date" in excinfo.value.message_dict


def test_duplicate_number_for_same_issuer_and_year_is_refused(demo_province, sections):
    province, *_ = demo_province
    _, index = sections(province)
    with pytest.raises(ValidationError) as excinfo:
        directive(index, province, "24/CT-TU", issuer_name="Ban Thường vụ Tỉnh ủy", issue_date=date(2018, 6, 1))
    assert "24-CT/TU" in excinfo.value.message_dict["number_symbol"][0]
    # The same number another year, or from another issuer, is a different document.
    directive(index, province, "24-CT/TU", issuer_name="Ban Thường vụ Tỉnh ủy", issue_date=date(2019, 6, 1))
    directive(index, province, "24-CT/TU", issuer_name="UBND tỉnh", issue_date=date(2018, 6, 1))


def test_directive_page_shows_who_reported_and_who_has_not(client, demo_province, sections):
    _province, _dateh, cattien = demo_province
    html = client.get("/van-ban/24-ct-tu/", HTTP_HOST="lamdong.test").content.decode()
    table = html.split('class="reporting-status"')[1].split("</table>")[0]
    dateh_row = table.split("Đạ Tẻh")[1].split("</tr>")[0]
    cattien_row = table.split("Cát Tiên")[1].split("</tr>")[0]
    assert "http://dateh.test/tin-tuc/giam-sat-chi-thi-24-ct-tu/" in dateh_row
    assert "Chưa báo cáo" in cattien_row

    news, _ = sections(cattien)
    report = SupervisionReportPage(title="Cát Tiên giám sát Chỉ thị 24-CT/TU", slug="giam-sat-24")
    report.supervised_directives = [SupervisedDirective(directive=DirectivePage.objects.get(number_key="24CTTU"))]
    publish_child(news, report)
    html = client.get("/van-ban/24-ct-tu/", HTTP_HOST="lamdong.test").content.decode()
    cattien_row = html.split('class="reporting-status"')[1].split("Cát Tiên")[1].split("</tr>")[0]
    assert "http://cattien.test/tin-tuc/giam-sat-24/" in cattien_row
    assert "Chưa báo cáo" not in cattien_row


def test_supervision_period_end_before_start_is_refused(demo_province):
    report = SupervisionReportPage.objects.get(slug="giam-sat-chi-thi-24-ct-tu")
    report.period_end = date(2023, 9, 1)
    with pytest.raises(ValidationError):
        report.full_clean()
