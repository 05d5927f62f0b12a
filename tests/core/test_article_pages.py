"""The article citizens read, from the real Đạ Tẻh supervision report."""

import pytest

from core.demo_content import fixture_article
from core.models import SupervisionReportPage
from tests.factories import news_article

REPORT_URL = "/tin-tuc/giam-sat-chi-thi-24-ct-tu/"


@pytest.fixture
def report_html(client, demo_province):
    response = client.get(REPORT_URL, HTTP_HOST="dateh.test")
    assert response.status_code == 200
    return response.content.decode()


def test_fixture_article_renders_every_element(report_html):
    article = fixture_article()
    assert article["slogan"] in report_html  # slogan banner
    assert "<h1>Giám sát Chỉ thị 24-CT/TU" in report_html
    assert "In trang" in report_html
    assert "14/09/2023 11:02 SA" in report_html
    assert report_html.count("<figcaption>") == 2  # captioned images
    assert "Ảnh: Huyện ủy Đạ Tẻh" in report_html
    assert "Quyết định số 893-QĐ/HU" in report_html
    assert "Dân vận khéo" in report_html
    assert "Liên kết website" in report_html
    assert "12–13/9/2023" in report_html
    assert "893-QĐ/HU" in report_html
    assert "Đảng ủy Trường THPT Đạ Tẻh" in report_html
    assert 'href="http://lamdong.test/van-ban/24-ct-tu/"' in report_html  # the supervised provincial directive


def test_images_are_responsive_renditions_with_webp_and_lazy_loading(report_html):
    body = report_html.split('class="article-body"')[1]
    assert "<picture>" in body and 'type="image/webp"' in body
    assert 'loading="lazy"' in body
    assert "srcset=" in body


def test_print_stylesheet_prints_the_article_alone(client, report_html):
    assert 'media="print"' in report_html and "core/print.css" in report_html
    css = b"".join(client.get("/static/core/print.css", HTTP_HOST="dateh.test").streaming_content).decode()
    for furniture in (".site-header", ".slogan-banner", ".portal-aside", ".site-footer", ".related", ".print-link"):
        assert furniture in css
    assert "display: none" in css


def test_english_shows_the_time_the_english_way(client, demo_province):
    from django.utils import translation

    report = SupervisionReportPage.objects.get(slug="giam-sat-chi-thi-24-ct-tu")
    with translation.override("en"):
        from core.dates import published_time

        shown = published_time(report.published_at)
    assert "SA" not in shown and "2023" in shown


def test_article_sql_queries_do_not_grow_with_blocks(client, demo_province, sections):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _province, dateh, _ = demo_province
    news, _ = sections(dateh)
    report = SupervisionReportPage.objects.get(slug="giam-sat-chi-thi-24-ct-tu")
    image = report.featured_image
    one_image = {"image": image, "alt_text": "Ảnh", "caption": "Chú thích", "credit": ""}
    small = news_article(news, "Bài ngắn", body=[("paragraph", "<p>Một đoạn.</p>"), ("image", one_image)])
    big_body = [("paragraph", f"<p>Đoạn {i}</p>") for i in range(30)]
    big_body += [
        ("image", {"image": image, "alt_text": f"Ảnh {i}", "caption": f"Chú thích {i}", "credit": ""})
        for i in range(10)
    ]
    big = news_article(news, "Bài dài", body=big_body)

    counts = []
    for page in (small, big):
        client.get(page.url, HTTP_HOST="dateh.test")  # warm renditions
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url, HTTP_HOST="dateh.test").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 20, counts
