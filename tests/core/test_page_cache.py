"""The full-page cache, through the real WSGI entry point (core.wsgi.application)."""

import contextlib
import io
import time

import pytest
import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from core.models import DirectivePage, SupervisionReportPage
from tests.factories import directive, news_article, redis_down

ARTICLE = "/tin-tuc/giam-sat-chi-thi-24-ct-tu/"
HOSTS = ("lamdong.test", "dateh.test", "cattien.test")


def _environ(host, path, query="", method="GET", cookie="", extra=None):
    return {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": host,
        "HTTP_COOKIE": cookie,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        **(extra or {}),
    }


@contextlib.contextmanager
def keeping_the_test_transaction():
    # As Django's test client does: the test's transaction must survive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def wsgi_get(host, path, query="", method="GET", cookie="", extra=None):
    from core.wsgi import application

    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"] = int(status.split()[0])
        captured["headers"] = dict(headers)

    with keeping_the_test_transaction():
        response = application(_environ(host, path, query, method, cookie, extra), start_response)
        body = b"".join(response)
        if hasattr(response, "close"):
            response.close()
    if "Content-Length" in captured["headers"] and method != "HEAD":
        assert int(captured["headers"]["Content-Length"]) == len(body), "Content-Length must match the body"
    return captured["status"], captured["headers"], body.decode()


@pytest.fixture
def portals(demo_province, django_capture_on_commit_callbacks):
    # Run on_commit work (cache bumps) as it would run in production.
    return demo_province


def test_second_read_is_a_hit_with_no_sql(portals, django_assert_num_queries):
    status, headers, first = wsgi_get("dateh.test", ARTICLE)
    assert (status, headers["X-Cache"]) == (200, "MISS")
    with django_assert_num_queries(0):
        status, headers, second = wsgi_get("dateh.test", ARTICLE)
    assert (status, headers["X-Cache"]) == (200, "HIT")
    assert second == first
    assert headers["Content-Type"].startswith("text/html")
    assert "X-Frame-Options" in headers  # headers the middleware stack added are replayed


def test_portals_never_share_cached_pages(portals):
    for _ in range(2):
        dateh = wsgi_get("dateh.test", "/")[2]
        cattien = wsgi_get("cattien.test", "/")[2]
    assert "Đạ Tẻh" in dateh and "Cát Tiên" not in dateh.split("<main")[1]
    assert "Cát Tiên" in cattien and "Đạ Tẻh" not in cattien.split("<main")[1]


def test_publish_invalidates_that_portal_only(portals, sections, django_capture_on_commit_callbacks):
    _province, dateh, _cattien = portals
    for host in ("dateh.test", "cattien.test"):
        wsgi_get(host, "/")
        assert wsgi_get(host, "/")[1]["X-Cache"] == "HIT"
    news, _ = sections(dateh)
    with django_capture_on_commit_callbacks(execute=True):
        news_article(news, "Tin mới đăng ở Đạ Tẻh")
    # The next reader gets the page as it was at once; it is rendered again after that
    # answer is sent, and the reader after sees the new one.
    _status, headers, body = wsgi_get("dateh.test", "/")
    assert headers["X-Cache"] == "STALE" and "Tin mới đăng ở Đạ Tẻh" not in body
    _status, headers, body = wsgi_get("dateh.test", "/")
    assert headers["X-Cache"] == "HIT" and "Tin mới đăng ở Đạ Tẻh" in body
    assert wsgi_get("cattien.test", "/")[1]["X-Cache"] == "HIT"


def test_province_publish_reaches_the_districts_that_list_it(portals, sections, django_capture_on_commit_callbacks):
    province, *_ = portals
    for _ in range(2):
        wsgi_get("cattien.test", "/van-ban/")
    _, index = sections(province)
    with django_capture_on_commit_callbacks(execute=True):
        directive(index, province, "30-CT/TU", summary="Chỉ thị mới của Tỉnh ủy")
    assert wsgi_get("cattien.test", "/van-ban/")[1]["X-Cache"] == "STALE"
    _status, headers, body = wsgi_get("cattien.test", "/van-ban/")
    assert headers["X-Cache"] == "HIT" and "30-CT/TU" in body


def test_a_news_article_refreshes_only_the_portals_that_show_it(portals, sections, django_capture_on_commit_callbacks):
    """Cát Tiên's home embeds the province's news, Đạ Tẻh's does not: a provincial
    article makes the province's and Cát Tiên's pages stale and leaves Đạ Tẻh's warm."""
    from core.models import HomePage

    province, _dateh, cattien = portals
    home = HomePage.objects.get(pk=cattien.site.root_page_id)
    home.body = [
        *((block.block_type, block.value) for block in home.body),
        ("latest_news", {"heading": "Tin của tỉnh", "count": 3, "portals": ["lamdong"]}),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision().publish()
    for host in HOSTS:
        wsgi_get(host, "/")
        assert wsgi_get(host, "/")[1]["X-Cache"] == "HIT"
    news, _ = sections(province)
    with django_capture_on_commit_callbacks(execute=True):
        news_article(news, "Tỉnh ủy họp phiên thường kỳ")
    assert wsgi_get("dateh.test", "/")[1]["X-Cache"] == "HIT"
    for host in ("lamdong.test", "cattien.test"):
        assert wsgi_get(host, "/")[1]["X-Cache"] == "STALE"
        _status, headers, body = wsgi_get(host, "/")
        assert headers["X-Cache"] == "HIT" and "Tỉnh ủy họp phiên thường kỳ" in body, host


def test_while_one_reader_renders_a_stale_page_again_the_others_are_served_at_once(
    portals, sections, django_capture_on_commit_callbacks
):
    """Single flight: the first reader after a publish gets the old page and renders it
    again once its answer is sent; readers meanwhile get the old page without rendering."""
    from core.wsgi import application

    _province, dateh, _cattien = portals
    for _ in range(2):
        wsgi_get("dateh.test", "/")
    news, _ = sections(dateh)
    with django_capture_on_commit_callbacks(execute=True):
        news_article(news, "Tin đang được dựng lại")
    with keeping_the_test_transaction():
        first = application(_environ("dateh.test", "/"), lambda status, headers, exc_info=None: None)
        assert "Tin đang được dựng lại" not in b"".join(first).decode()  # sent; close() not called yet
    for _ in range(3):
        _status, headers, body = wsgi_get("dateh.test", "/")
        assert headers["X-Cache"] == "STALE" and "Tin đang được dựng lại" not in body
    with keeping_the_test_transaction():
        first.close()  # the server has sent the first answer: now it renders
    _status, headers, body = wsgi_get("dateh.test", "/")
    assert headers["X-Cache"] == "HIT" and "Tin đang được dựng lại" in body


def test_a_page_made_private_is_never_served_from_before(portals, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    for _ in range(2):
        wsgi_get("dateh.test", ARTICLE)
    report = SupervisionReportPage.objects.get(slug="giam-sat-chi-thi-24-ct-tu")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=report, restriction_type=PageViewRestriction.LOGIN)
    status, headers, _body = wsgi_get("dateh.test", ARTICLE)
    assert status == 302 and headers.get("X-Cache") != "STALE"


def test_unpublish_and_delete_invalidate(portals, django_capture_on_commit_callbacks):
    for _ in range(2):
        wsgi_get("dateh.test", ARTICLE)
    report = SupervisionReportPage.objects.get(slug="giam-sat-chi-thi-24-ct-tu")
    with django_capture_on_commit_callbacks(execute=True):
        report.unpublish()
    assert wsgi_get("dateh.test", ARTICLE)[0] == 404
    for _ in range(2):
        wsgi_get("dateh.test", "/van-ban/24-ct-tu/")
    with django_capture_on_commit_callbacks(execute=True):
        DirectivePage.objects.get(number_key="24CTTU").delete()
    assert wsgi_get("lamdong.test", "/van-ban/24-ct-tu/")[0] == 404


def test_portal_rename_invalidates_its_pages(portals, django_capture_on_commit_callbacks):
    _province, dateh, _ = portals
    for _ in range(2):
        wsgi_get("dateh.test", "/")
    with django_capture_on_commit_callbacks(execute=True):
        dateh.name = "Đạ Tẻh (mới)"
        dateh.save()
    assert "Đạ Tẻh (mới)" in wsgi_get("dateh.test", "/")[2]


def test_never_cached_for_logged_in_users_posts_and_the_admin(client, portals):
    user = get_user_model().objects.create_user("ai.do", password="x")
    client.force_login(user)
    session = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    wsgi_get("dateh.test", "/")
    wsgi_get("dateh.test", "/")
    assert wsgi_get("dateh.test", "/", cookie=session)[1]["X-Cache"] == "BYPASS"
    assert wsgi_get("dateh.test", "/", method="POST")[1]["X-Cache"] == "BYPASS"
    for _ in range(2):
        assert wsgi_get("dateh.test", "/admin/login/")[1]["X-Cache"] == "BYPASS"
    assert wsgi_get("dateh.test", "/", cookie="messages=abc")[1]["X-Cache"] == "BYPASS"


def test_responses_with_cookies_or_csrf_tokens_are_not_stored(portals, monkeypatch):
    from core.models import HomePage

    def with_token(self, request, *args, **kwargs):
        from django.middleware.csrf import get_token

        get_token(request)
        return original(self, request, *args, **kwargs)

    original = HomePage.get_context
    monkeypatch.setattr(HomePage, "get_context", with_token)
    for _ in range(3):
        _status, headers, _body = wsgi_get("dateh.test", "/")
        assert headers["X-Cache"] == "MISS"


def test_query_strings(portals):
    for _ in range(2):
        wsgi_get("dateh.test", "/van-ban/", "so=24&nam=2018")
    assert wsgi_get("dateh.test", "/van-ban/", "nam=2018&so=24")[1]["X-Cache"] == "HIT"  # order does not matter
    assert wsgi_get("dateh.test", "/van-ban/", "so=24&nam=2018&utm_source=zalo&fbclid=x")[1]["X-Cache"] == "HIT"
    assert wsgi_get("dateh.test", "/van-ban/", "so=24&nam=2018&debug=1")[1]["X-Cache"] == "BYPASS"


def test_head_gets_headers_only(portals):
    wsgi_get("dateh.test", "/")
    status, headers, body = wsgi_get("dateh.test", "/", method="HEAD")
    assert (status, headers["X-Cache"], body) == (200, "HIT", "")


def test_not_found_is_cached_briefly(portals):
    for _ in range(2):
        status, headers, _ = wsgi_get("dateh.test", "/khong-co/")
    assert (status, headers["X-Cache"]) == (404, "HIT")
    client = redis.Redis.from_url(settings.REDIS_URL)
    ttls = [client.ttl(k) for k in client.scan_iter(match=f"{settings.REDIS_KEY_PREFIX}:pagecache:page:*")]
    assert ttls and min(ttls) <= settings.PAGE_CACHE_404_TTL


def test_aliases_and_unknown_hosts_are_not_cached(portals):
    for _ in range(2):
        status, headers, _ = wsgi_get("www.dateh.test", "/")
    assert status == 301 and "X-Cache" not in headers
    for _ in range(2):
        status, headers, _ = wsgi_get("nowhere.test", "/")
    assert status == 404 and "X-Cache" not in headers


def test_a_flood_of_distinct_urls_cannot_grow_the_cache_without_bound(portals, settings):
    settings.PAGE_CACHE_MAX_ENTRIES, settings.PAGE_CACHE_MAX_404_ENTRIES = 25, 10
    for n in range(120):
        wsgi_get("dateh.test", f"/trang-{n}/")
        wsgi_get("dateh.test", "/tin-tuc/", f"page={n}")
    client = redis.Redis.from_url(settings.REDIS_URL)
    stored = list(client.scan_iter(match=f"{settings.REDIS_KEY_PREFIX}:pagecache:page:*", count=1000))
    assert len(stored) <= 25 + 10
    _province, dateh, _cattien = portals
    assert client.zcard(f"{settings.REDIS_KEY_PREFIX}:pagecache:index:{dateh.pk}:ok") <= 25
    assert client.zcard(f"{settings.REDIS_KEY_PREFIX}:pagecache:index:{dateh.pk}:nf") <= 10


def test_junk_urls_evict_neither_pages_nor_another_portals_cache(portals, settings):
    """5,000 random 404s once turned every portal's cached pages cold."""
    settings.PAGE_CACHE_MAX_ENTRIES, settings.PAGE_CACHE_MAX_404_ENTRIES = 50, 10
    for host in ("dateh.test", "cattien.test"):
        wsgi_get(host, "/")
        assert wsgi_get(host, "/")[1]["X-Cache"] == "HIT"
    for n in range(200):
        assert wsgi_get("dateh.test", f"/khong-co-{n}/")[0] == 404
    for n in range(60):  # more pages of Đạ Tẻh than its bound: it evicts its own oldest only
        wsgi_get("dateh.test", "/tin-tuc/", f"page={n}")
    assert wsgi_get("cattien.test", "/")[1]["X-Cache"] == "HIT"


def test_tracking_parameters_never_reach_the_page_others_are_served(portals, sections):
    """The lookup's page links repeat its query: they must not repeat a reader's click id."""
    from tests.factories import directive

    _province, dateh, _cattien = portals
    _news, index = sections(dateh)
    for number in range(14):  # more than a page: the lookup shows a "next page" link
        directive(index, dateh, f"{number + 1}-CT/HU", document_type="chi-thi")
    query = "loai=chi-thi&fbclid=NGUOI-DOC-1&utm_source=zalo&zarsrc=30"
    _status, headers, body = wsgi_get("dateh.test", "/van-ban/", query)
    assert headers["X-Cache"] == "MISS" and 'rel="next"' in body
    assert "NGUOI-DOC-1" not in body and "utm_source" not in body and "zarsrc" not in body
    _status, headers, again = wsgi_get("dateh.test", "/van-ban/", "loai=chi-thi&fbclid=NGUOI-DOC-2")
    assert headers["X-Cache"] == "HIT" and "NGUOI-DOC" not in again


def test_repeated_parameters_keep_their_order_in_the_key(portals):
    from core.page_cache.keys import normalized_query

    assert normalized_query("q=X&q=giam") != normalized_query("q=giam&q=X")
    assert normalized_query("so=1&q=a") == normalized_query("q=a&so=1")
    _status, _headers, first = wsgi_get("dateh.test", "/tim-kiem/", "q=X&q=giam+sat")
    _status, headers, second = wsgi_get("dateh.test", "/tim-kiem/", "q=giam+sat&q=X")
    assert headers["X-Cache"] == "MISS" and first != second


def test_redis_down_serves_uncached_within_a_bounded_time(portals, monkeypatch):
    redis_down(monkeypatch)
    started = time.monotonic()
    for _ in range(5):
        status, _headers, body = wsgi_get("dateh.test", ARTICLE)
        assert status == 200 and "893-QĐ/HU" in body
    assert time.monotonic() - started < 3  # one failed connection, then the cache is skipped


def test_clear_page_cache_command(portals):
    for _ in range(2):
        wsgi_get("dateh.test", "/")
        wsgi_get("cattien.test", "/")
    call_command("clear_page_cache", "--tenant", "dateh")
    assert wsgi_get("dateh.test", "/")[1]["X-Cache"] == "MISS"
    assert wsgi_get("cattien.test", "/")[1]["X-Cache"] == "HIT"


def test_hits_survive_redis_forgetting_its_scripts(portals):
    """After a Redis restart the Lua scripts are gone; they are loaded again."""
    for _ in range(2):
        wsgi_get("dateh.test", "/")
    redis.Redis.from_url(settings.REDIS_URL).script_flush()
    status, headers, body = wsgi_get("dateh.test", "/")
    assert (status, headers["X-Cache"]) == (200, "HIT")
    assert "Thống kê truy cập" in body and "<!--an:" not in body
