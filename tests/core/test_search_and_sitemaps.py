"""Site search (accent-insensitive, per portal), sitemap.xml, robots.txt, and English
translations that stay inside their own portal."""

import pytest
from wagtail.models import Locale

from core.models import HomePage, SupervisionReportPage
from tenants.visibility import tenant_of_page
from tests.factories import news_article


def search(client, host, query):
    response = client.get("/tim-kiem/", {"q": query}, HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("query", ["giam sat", "Giám sát", "GIAM SAT chi thi", "dang uy", "Đảng ủy an nhon"])
def test_accent_insensitive_search_finds_the_report(client, demo_province, query):
    html = search(client, "dateh.test", query)
    assert "/tin-tuc/giam-sat-chi-thi-24-ct-tu/" in html


def test_search_stays_inside_the_portal_but_includes_provincial_directives(client, demo_province, sections):
    _province, _dateh, cattien = demo_province
    news, _ = sections(cattien)
    news_article(news, "Cát Tiên giám sát công tác dân vận")
    html = search(client, "dateh.test", "giam sat")
    assert "Cát Tiên giám sát" not in html
    assert "cattien.test" not in html
    assert "24-CT/TU" in html  # the province's directive is shared with its districts
    assert "Cát Tiên giám sát" in search(client, "cattien.test", "giam sat")


@pytest.mark.parametrize("query", ["x" * 10_000, '" OR * NEAR( ^', "\u202e\U0001f600", "   ", "%"])
def test_odd_queries_show_a_normal_page(client, demo_province, query):
    search(client, "dateh.test", query)


def test_sitemap_lists_only_this_portal_with_its_hostname(client, demo_province):
    body = client.get("/sitemap.xml", HTTP_HOST="dateh.test").content.decode()
    assert "<loc>http://dateh.test/tin-tuc/giam-sat-chi-thi-24-ct-tu/</loc>" in body
    assert "lamdong.test" not in body and "cattien.test" not in body


def lastmod_of(client, host, path):
    import re

    body = client.get("/sitemap.xml", HTTP_HOST=host).content.decode()
    return re.search(rf"<loc>http://{re.escape(host)}{re.escape(path)}</loc>\s*<lastmod>([^<]+)</lastmod>", body).group(
        1
    )


def test_sitemap_lastmod_is_when_the_content_changed_not_when_it_was_copied(client, demo_province):
    """Articles brought over from the old portal keep their own date until someone edits them."""
    from datetime import timedelta

    from django.utils import timezone

    report_path = "/tin-tuc/giam-sat-chi-thi-24-ct-tu/"
    assert lastmod_of(client, "dateh.test", report_path) == "2023-09-14"
    assert lastmod_of(client, "lamdong.test", "/van-ban/24-ct-tu/").startswith("20")
    assert lastmod_of(client, "lamdong.test", "/van-ban/24-ct-tu/") != timezone.localdate().isoformat()
    home = lastmod_of(client, "dateh.test", "/")  # no date of its own: when it was published
    assert home == timezone.localdate().isoformat()

    # An edit published later is a change: the sitemap says so.
    report = SupervisionReportPage.objects.get(slug="giam-sat-chi-thi-24-ct-tu")
    report.save_revision().publish()
    SupervisionReportPage.objects.filter(pk=report.pk).update(first_published_at=timezone.now() - timedelta(days=3))
    assert lastmod_of(client, "dateh.test", report_path) == timezone.localdate().isoformat()


def test_robots_txt_points_at_this_portals_sitemap(client, demo_province):
    body = client.get("/robots.txt", HTTP_HOST="cattien.test").content.decode()
    assert "Sitemap: http://cattien.test/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_english_translation_stays_in_its_portal_with_hreflang(client, demo_province):
    _province, _dateh, _ = demo_province
    english = Locale.objects.get(language_code="en")
    report = SupervisionReportPage.objects.get(slug="giam-sat-chi-thi-24-ct-tu")
    translated = report.copy_for_translation(english, copy_parents=True)
    translated.title = "Supervision of Directive 24-CT/TU"
    translated.save_revision().publish()

    assert tenant_of_page(translated).slug == "dateh"
    assert HomePage.objects.filter(locale=english).get().get_site().hostname == "dateh.test"
    response = client.get("/en/tin-tuc/giam-sat-chi-thi-24-ct-tu/", HTTP_HOST="dateh.test")
    assert response.status_code == 200
    assert "Supervision of Directive 24-CT/TU" in response.content.decode()
    assert client.get("/en/tin-tuc/giam-sat-chi-thi-24-ct-tu/", HTTP_HOST="cattien.test").status_code == 404

    sitemap = client.get("/sitemap.xml", HTTP_HOST="dateh.test").content.decode()
    assert 'hreflang="en" href="http://dateh.test/en/tin-tuc/giam-sat-chi-thi-24-ct-tu/"' in sitemap
    assert 'hreflang="vi" href="http://dateh.test/tin-tuc/giam-sat-chi-thi-24-ct-tu/"' in sitemap
    assert "Supervision of Directive" not in client.get("/sitemap.xml", HTTP_HOST="cattien.test").content.decode()
    assert "/en/" not in client.get("/sitemap.xml", HTTP_HOST="cattien.test").content.decode()


def test_search_pages_without_counting_and_says_when_past_the_end(client, demo_province, sections):
    _province, dateh, _ = demo_province
    news, _ = sections(dateh)
    for n in range(14):
        news_article(news, f"Tập huấn nghiệp vụ số {n}")
    first = search(client, "dateh.test", "tap huan nghiep vu")
    assert "page=2" in first and "Trang sau" in first
    second = client.get("/tim-kiem/", {"q": "tap huan nghiep vu", "page": "2"}, HTTP_HOST="dateh.test").content.decode()
    assert "Trang trước" in second and "Trang sau" not in second
    past = client.get("/tim-kiem/", {"q": "tap huan nghiep vu", "page": "99"}, HTTP_HOST="dateh.test")
    assert past.status_code == 200
    assert "Không còn kết quả ở trang 99" in past.content.decode()


def test_search_finds_plans_procedures_and_reports_of_this_portal_only(client, demo_province):
    html = search(client, "dateh.test", "kế hoạch chuyển đổi số")
    assert "Kế hoạch chuyển đổi số của Đạ Tẻh năm 2025" in html
    assert "/ke-hoach/ke-hoach-chuyen-doi-so-2025/" in html
    assert "của Cát Tiên" not in html
    assert "Kế hoạch chuyển đổi số của Cát Tiên năm 2025" in search(client, "cattien.test", "ke hoach chuyen doi so")
