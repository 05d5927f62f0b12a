"""The cache in front (nginx's proxy_cache, a CDN): what the app lets it keep, which
pages a change purges there (the same decisions as our page cache), and the shipped
nginx config with Debian's nginx on loopback: kept pages, purged pages, and what it
never keeps."""

import http.client
import time
from importlib import import_module
from itertools import chain
from urllib.parse import urlsplit

import pytest
import requests
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model

from core.celery import app as celery_app
from core.page_cache import front_purge
from core.page_cache.invalidation import portals_showing
from core.page_cache.keys import page_tag, portal_tag
from core.page_cache.store import page_store
from operations.metrics import FRONT_CACHE_PURGES
from tenants.registry import registry
from tests.core.test_page_cache import wsgi_get
from tests.factories import directive, news_article
from tests.operations.nginx_front import free_port, nginx_front
from tests.tenants.blackbox import serving

ARTICLE = "/tin-tuc/giam-sat-chi-thi-24-ct-tu/"
NGINX_BACKEND = "core.page_cache.purge_backend.NginxPurgeBackend"


@pytest.fixture
def front_enabled(settings):
    """Purges go to an address where nothing listens (tests that need nginx set theirs)."""
    settings.FRONTEND_CACHE_ENABLED = True
    settings.WAGTAILFRONTENDCACHE = {"nginx": {"BACKEND": NGINX_BACKEND, "LOCATION": f"http://127.0.0.1:{free_port()}"}}


@pytest.fixture
def sent(monkeypatch):
    """The batches of addresses handed to Celery, instead of sending them."""
    batches = []
    monkeypatch.setattr(front_purge, "send", batches.append)
    return batches


@pytest.fixture
def tasks_run_here():
    """Celery tasks run in this process as soon as they are sent (after the commit)."""
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


# --- what the app tells a cache in front ------------------------------------------------
def test_public_pages_are_marked_for_shared_caches_and_tagged(demo_province, front_enabled):
    _province, dateh, _cattien = demo_province
    status, headers, _body = wsgi_get("dateh.test", ARTICLE)
    assert (status, headers["X-Cache"]) == (200, "MISS")
    assert headers["Cache-Control"] == "public, max-age=0, s-maxage=600"
    page_id = headers["Cache-Tag"].split(",")[1].rsplit(":", 1)[1]
    assert headers["Cache-Tag"] == f"{portal_tag(dateh.id)},{page_tag(page_id)}"
    assert headers["Surrogate-Key"] == f"{portal_tag(dateh.id)} {page_tag(page_id)}"
    # The tag is the name of the generation our page cache bumps for this portal.
    assert page_store().generation_key(dateh.id).endswith(":" + portal_tag(dateh.id))
    _status, hit, _body = wsgi_get("dateh.test", ARTICLE)
    assert hit["X-Cache"] == "HIT" and hit["Cache-Tag"] == headers["Cache-Tag"]
    assert hit["Cache-Control"] == headers["Cache-Control"]
    # A query string (tracking parameters too) is an address a purge could never name.
    for query in ("utm_source=zalo", "page=2"):
        assert "Cache-Tag" not in wsgi_get("dateh.test", "/tin-tuc/", query)[1]
        assert "s-maxage" not in wsgi_get("dateh.test", "/tin-tuc/", query)[1].get("Cache-Control", "")


def test_nothing_is_marked_without_a_front_cache_or_for_stale_copies(
    demo_province, sections, settings, django_capture_on_commit_callbacks
):
    _province, dateh, _cattien = demo_province
    for _ in range(2):
        _status, headers, _body = wsgi_get("dateh.test", "/")
        assert "Cache-Tag" not in headers and "Cache-Control" not in headers
    settings.FRONTEND_CACHE_ENABLED = True
    assert "Cache-Tag" in wsgi_get("dateh.test", "/")[1]
    news, _ = sections(dateh)
    with django_capture_on_commit_callbacks(execute=True):
        news_article(news, "Tin vừa đăng")
    _status, stale, _body = wsgi_get("dateh.test", "/")
    assert stale["X-Cache"] == "STALE" and "Cache-Tag" not in stale and "Cache-Control" not in stale


# --- which pages a change purges ----------------------------------------------------------
def _hosts(urls):
    return {urlsplit(url).hostname for url in urls}


def test_purged_pages_follow_the_page_cache_decisions(
    demo_province, sections, front_enabled, sent, django_capture_on_commit_callbacks
):
    province, dateh, cattien = demo_province
    for tenant in (province, dateh):
        news, _ = sections(tenant)
        sent.clear()
        with django_capture_on_commit_callbacks(execute=True):
            article = news_article(news, f"Tin riêng của {tenant.name}")
        urls = set(chain(*sent))
        showing = portals_showing(article, registry.by_id(tenant.id))
        # The portals whose pages the page cache invalidates, and no other.
        assert _hosts(urls) == {registry.by_id(i).hostname for i in showing}
        for path in (urlsplit(article.get_url()).path, urlsplit(news.get_url()).path, "/"):
            assert {f"https://{tenant.hostname}{path}", f"http://{tenant.hostname}{path}"} <= urls
        assert len(urls) <= 2 * 3 * len(showing) + 4  # a few pages per portal, never a portal's every page
    assert cattien.hostname not in _hosts(urls)  # a district's article never touches its sibling
    # A provincial directive: every portal that lists it has its directive lookup page purged.
    _, index = sections(province)
    sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        directive(index, province, "31-CT/TU")
    urls = set(chain(*sent))
    assert {"https://dateh.test/van-ban/", "https://cattien.test/van-ban/", "https://lamdong.test/van-ban/"} <= urls
    assert not any(urlsplit(url).path == ARTICLE for url in urls)


def test_a_portal_wide_change_purges_its_home_pages(
    demo_province, front_enabled, sent, django_capture_on_commit_callbacks
):
    from tenants.events import portal_pages_changed

    _province, dateh, _cattien = demo_province
    with django_capture_on_commit_callbacks(execute=True):
        portal_pages_changed.send(sender=None, tenant_ids=[dateh.id])
    assert set(chain(*sent)) >= {"https://dateh.test/", "http://dateh.test/"}
    assert _hosts(chain(*sent)) == {"dateh.test"}


def test_an_unreachable_front_cache_never_fails_a_publish(
    demo_province, sections, front_enabled, tasks_run_here, caplog, django_capture_on_commit_callbacks
):
    _province, dateh, _cattien = demo_province
    failed = FRONT_CACHE_PURGES.labels("nginx", "failed")
    before = failed._value.get()
    news, _ = sections(dateh)
    with django_capture_on_commit_callbacks(execute=True):
        article = news_article(news, "Đăng dù bộ đệm phía trước không trả lời")
    assert article.live
    assert failed._value.get() - before >= 6  # the article, its list and the home, http and https
    assert any("not purged" in record.getMessage() for record in caplog.records)


# --- the shipped nginx config -------------------------------------------------------------
def _stub(environ, start_response):
    """An upstream that marks everything for shared caches; /cookie/ also sets a cookie.
    Each answer says its scheme and a number, so a kept copy is recognised."""
    _stub.count += 1
    headers = [("Content-Type", "text/plain"), ("Cache-Control", "public, max-age=0, s-maxage=600")]
    if environ["PATH_INFO"].startswith("/cookie/"):
        headers.append(("Set-Cookie", "sessionid=new; Path=/"))
    start_response("200 OK", headers)
    return [f"{environ.get('HTTP_X_FORWARDED_PROTO')} {_stub.count}".encode()]


_stub.count = 0


@pytest.fixture
def nginx_stub(tmp_path):
    static = tmp_path / "static"
    static.mkdir()
    with serving(_stub) as upstream, nginx_front(tmp_path, upstream, static, tmp_path) as front:
        yield front


def _request(front, method, path, headers=None, source="127.0.0.1", port=None):
    connection = http.client.HTTPConnection("127.0.0.1", port or front["port"], timeout=30, source_address=(source, 0))
    connection.request(method, path, headers={"Host": "dateh.test", **(headers or {})})
    response = connection.getresponse()
    return response.status, response.getheader("X-Front-Cache"), response.read().decode()


@pytest.mark.slow
def test_nginx_never_keeps_personal_answers_the_admin_or_cookies(nginx_stub):
    assert _request(nginx_stub, "GET", "/trang/")[1] == "MISS"
    status, cache, body = _request(nginx_stub, "GET", "/trang/")
    assert (status, cache) == (200, "HIT") and body == _request(nginx_stub, "GET", "/trang/")[2]
    # An answer that sets a cookie is never kept, even marked shareable.
    first, second = _request(nginx_stub, "GET", "/cookie/"), _request(nginx_stub, "GET", "/cookie/")
    assert first[1] == second[1] == "MISS" and first[2] != second[2]
    # Signed in (a session) or a message waiting: never from the cache, never into it.
    for cookie in ("sessionid=abc", "csrftoken=x; messages=y"):
        assert _request(nginx_stub, "GET", "/trang/", {"Cookie": cookie})[1] == "BYPASS"
        assert _request(nginx_stub, "GET", "/rieng/", {"Cookie": cookie})[1] == "BYPASS"
    assert _request(nginx_stub, "GET", "/rieng/")[1] == "MISS"
    assert _request(nginx_stub, "GET", "/trang/", {"Cookie": "csrftoken=x"})[1] == "HIT"  # not a session
    for _ in range(2):
        assert _request(nginx_stub, "GET", "/admin/")[1] == "BYPASS"
        assert _request(nginx_stub, "GET", "/documents/1/a.pdf")[1] == "BYPASS"


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_nginx_takes_purges_only_from_allowed_addresses_one_scheme_at_a_time(nginx_stub):
    tls = nginx_stub["https_port"]
    for _ in range(2):
        _request(nginx_stub, "GET", "/trang/")
    # A reader's own X-Forwarded-Proto never picks the https copy.
    assert _request(nginx_stub, "GET", "/trang/", {"X-Forwarded-Proto": "https"})[2].startswith("http ")
    assert _request(nginx_stub, "PURGE", "/_purge/trang/", source="127.0.0.9")[0] == 403
    assert _request(nginx_stub, "GET", "/trang/")[1] == "HIT"
    assert (
        _request(nginx_stub, "PURGE", "/_purge/trang/", {"X-Forwarded-Proto": "https"})[0] == 404
    )  # no https copy yet
    assert _request(nginx_stub, "PURGE", "/_purge/trang/", {"X-Forwarded-Proto": "http"})[0] == 200
    assert _request(nginx_stub, "GET", "/trang/")[1] == "MISS"
    # The https copy (over TLS) is kept apart and purged by name through the plain port.
    over_tls = requests.get(f"https://127.0.0.1:{tls}/trang/", headers={"Host": "dateh.test"}, verify=False, timeout=30)
    assert over_tls.headers["X-Front-Cache"] == "MISS" and over_tls.text.startswith("https ")
    assert _request(nginx_stub, "PURGE", "/_purge/trang/", {"X-Forwarded-Proto": "https"})[0] == 200
    assert _request(nginx_stub, "GET", "/trang/")[1] == "HIT"


# --- through nginx, in front of the app ----------------------------------------------------
@pytest.fixture
def front_nginx(tmp_path, settings, demo_province_committed, tasks_run_here):
    """deploy/nginx/ in front of the app, the app purging it (FRONTEND_CACHE_URL)."""
    settings.ANALYTICS_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    static = tmp_path / "static"
    static.mkdir()
    from core.wsgi import application

    with serving(application) as upstream, nginx_front(tmp_path, upstream, static, settings.MEDIA_ROOT) as front:
        settings.FRONTEND_CACHE_ENABLED = True
        settings.WAGTAILFRONTENDCACHE = {"nginx": {"BACKEND": NGINX_BACKEND, "LOCATION": front["http"]}}
        yield {**front, "portals": demo_province_committed}


def _get(front, host, path, cookie=None):
    headers = {"Host": host, **({"Cookie": cookie} if cookie else {})}
    return requests.get(front["http"] + path, headers=headers, timeout=30)


def _kept(front, host, path):
    """Read until nginx answers from its cache (the app's first answer may be its own miss)."""
    return any(_get(front, host, path).headers["X-Front-Cache"] == "HIT" for _ in range(4))


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publish_reaches_readers_through_nginx_and_the_other_district_stays_cached(front_nginx, sections):
    _province, dateh, _cattien = front_nginx["portals"]
    news, _ = sections(dateh)
    article = news_article(news, "Đạ Tẻh khánh thành cầu treo")
    path = urlsplit(article.get_url()).path
    assert _get(front_nginx, "dateh.test", path).headers["X-Front-Cache"] == "MISS"
    second = _get(front_nginx, "dateh.test", path)
    assert second.headers["X-Front-Cache"] == "HIT" and "Đạ Tẻh khánh thành cầu treo" in second.text
    others = [("cattien.test", "/"), ("cattien.test", "/tin-tuc/"), ("cattien.test", ARTICLE)]
    for host, page in [("dateh.test", "/"), *others]:
        assert _kept(front_nginx, host, page), (host, page)

    editor = get_user_model().objects.create_superuser("bientap", "bt@example.test", "x")
    article.title = "Đạ Tẻh khánh thành cầu treo Đạ Lây"  # same slug, same address
    article.save_revision(user=editor).publish(user=editor)

    deadline = time.monotonic() + 1.0
    pending = {path, "/"}
    while pending and time.monotonic() < deadline:
        pending = {page for page in pending if "cầu treo Đạ Lây" not in _get(front_nginx, "dateh.test", page).text}
    assert not pending, f"still old through nginx after a second: {pending}"
    for host, page in others:  # Cát Tiên was not purged
        assert _get(front_nginx, host, page).headers["X-Front-Cache"] == "HIT", (host, page)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_signed_in_reader_is_never_served_or_stored_by_nginx(front_nginx):
    user = get_user_model().objects.create_superuser("docgia", "dg@example.test", "x")
    session = import_module(django_settings.SESSION_ENGINE).SessionStore()
    session.update({"_auth_user_id": str(user.pk), "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
                    "_auth_user_hash": user.get_session_auth_hash()})  # fmt: skip
    session.create()
    cookie = f"sessionid={session.session_key}"
    for _ in range(2):
        signed_in = _get(front_nginx, "cattien.test", "/tin-tuc/", cookie)
        assert signed_in.headers["X-Front-Cache"] == "BYPASS" and "s-maxage" not in signed_in.headers.get(
            "Cache-Control", ""
        )
    assert _get(front_nginx, "cattien.test", "/tin-tuc/").headers["X-Front-Cache"] == "MISS"
