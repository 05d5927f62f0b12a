"""The blocks of a portal's home page and side column, with two portals: Đạ Tẻh's page
must never show what only Cát Tiên chose."""

from core.models import HomePage


def home_of(tenant):
    return HomePage.objects.get(pk=tenant.site.root_page_id)


def test_district_home_lists_its_own_news_and_the_provinces_directives(client, demo_province):
    html = client.get("/", HTTP_HOST="dateh.test").content.decode()
    assert "Đạ Tẻh: Hội nghị sơ kết" in html and "Cát Tiên: Hội nghị" not in html
    assert "24-CT/TU" in html  # a provincial directive, shared with the districts


def test_latest_news_from_chosen_portals(client, demo_province):
    _province, dateh, _cattien = demo_province
    home = home_of(dateh)
    home.body = [("latest_news", {"heading": "Tin các huyện", "count": 12, "portals": ["cattien"]})]
    home.save_revision().publish()
    html = client.get("/", HTTP_HOST="dateh.test").content.decode()
    assert "Tin các huyện" in html and "Cát Tiên: Hội nghị sơ kết" in html
    assert "Đạ Tẻh: Hội nghị sơ kết" not in html
    assert "Tin các huyện" not in client.get("/", HTTP_HOST="cattien.test").content.decode()


def test_website_link_select_redirects_only_to_the_portals_own_links(client, demo_province):
    *_, cattien = demo_province
    home = home_of(cattien)
    home.sidebar = [
        (
            "website_links",
            {
                "heading": "Liên kết",
                "display": "select",
                "links": [{"title": "Riêng", "url": "https://only-cattien.example/"}],
            },
        )
    ]
    home.save_revision().publish()
    cattien_html = client.get("/", HTTP_HOST="cattien.test").content.decode()
    assert '<option value="https://only-cattien.example/">Riêng</option>' in cattien_html

    ok = client.get("/lien-ket/", {"url": "https://only-cattien.example/"}, HTTP_HOST="cattien.test")
    assert (ok.status_code, ok["Location"]) == (302, "https://only-cattien.example/")
    for host, url in [("dateh.test", "https://only-cattien.example/"), ("cattien.test", "https://evil.example/")]:
        refused = client.get("/lien-ket/", {"url": url}, HTTP_HOST=host)
        assert refused.status_code == 400
        assert "không có trong danh sách" in refused.content.decode()
    dateh_link = client.get("/lien-ket/", {"url": "https://dichvucong.gov.vn"}, HTTP_HOST="dateh.test")
    assert dateh_link.status_code == 302


def test_the_fixture_report_keeps_its_slogan_banner_and_stats_box(client, demo_province):
    from core.demo_content import fixture_article

    html = client.get("/tin-tuc/giam-sat-chi-thi-24-ct-tu/", HTTP_HOST="dateh.test").content.decode()
    assert fixture_article()["slogan"] in html and 'class="slogan-banner"' in html
    assert 'class="stats-box"' in html
