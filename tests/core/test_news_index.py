"""The news listing: newest first, category filter, pagination that never fails,
RSS and Atom feeds with the portal's own hostname; never another portal's news."""

from datetime import datetime, timedelta

import pytest

from core.models import NewsCategory
from tests.factories import HCM, news_article


@pytest.fixture
def listings(demo_province, sections):
    _province, dateh, cattien = demo_province
    news, _ = sections(dateh)
    start = datetime(2024, 3, 1, 8, 0, tzinfo=HCM)
    for i in range(15):
        news_article(news, f"Tin Đạ Tẻh số {i:02d}", published_at=start + timedelta(days=i))
    cattien_news, _ = sections(cattien)
    news_article(cattien_news, "Tin riêng của Cát Tiên", published_at=start + timedelta(days=30))
    return dateh, cattien


def test_newest_first_and_only_this_portal(client, listings):
    html = client.get("/tin-tuc/", HTTP_HOST="dateh.test").content.decode()
    assert html.index("Tin Đạ Tẻh số 14") < html.index("Tin Đạ Tẻh số 13")
    assert "Tin riêng của Cát Tiên" not in html
    assert "Cát Tiên:" not in html


def test_pages_and_a_page_past_the_end(client, listings):
    second = client.get("/tin-tuc/?page=2", HTTP_HOST="dateh.test")
    assert second.status_code == 200
    assert "Trang 2/2" in second.content.decode()
    past = client.get("/tin-tuc/?page=999", HTTP_HOST="dateh.test")
    assert past.status_code == 200
    assert "Chỉ có 2 trang; đang hiện trang cuối." in past.content.decode()


@pytest.mark.parametrize("bad", ["abc", "-1", "0", "1e9", "%00", "9" * 400])
def test_malformed_page_numbers_show_a_page_with_a_message(client, listings, bad):
    response = client.get("/tin-tuc/", {"page": bad}, HTTP_HOST="dateh.test")
    assert response.status_code == 200
    assert 'class="notice"' in response.content.decode()


def test_category_filter_and_unknown_category(client, listings):
    dateh, cattien = listings
    category = NewsCategory.objects.get(tenant=dateh, name="Xây dựng Đảng")
    html = client.get("/tin-tuc/", {"chuyen-muc": category.slug}, HTTP_HOST="dateh.test").content.decode()
    assert "Giám sát Chỉ thị 24-CT/TU" in html
    assert "Tin Đạ Tẻh số" not in html
    other = NewsCategory.objects.get(tenant=cattien, name="Tin hoạt động")
    other.slug = "chi-cat-tien"
    other.save()
    response = client.get("/tin-tuc/", {"chuyen-muc": "chi-cat-tien"}, HTTP_HOST="dateh.test")
    assert response.status_code == 200
    assert "Không có chuyên mục" in response.content.decode()


@pytest.mark.parametrize(("path", "marker"), [("rss/", "<rss"), ("atom/", "<feed")])
def test_feeds_carry_this_portals_hostname_only(client, listings, path, marker):
    response = client.get(f"/tin-tuc/{path}", HTTP_HOST="dateh.test")
    body = response.content.decode()
    assert response.status_code == 200
    assert marker in body
    assert "http://dateh.test/tin-tuc/giam-sat-chi-thi-24-ct-tu/" in body
    assert "cattien.test" not in body and "Tin riêng của Cát Tiên" not in body
