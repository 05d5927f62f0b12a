"""SQL query budgets of uncached pages: fixed, whatever the number of blocks, images,
links, related items or portals."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import FeaturedArticle, NewsArticlePage, RelatedArticle, SupervisionReportPage
from tenants.provisioning import TenantSpec, provision_tenant
from tests.factories import news_article

# +1 each since every page links its portal's feeds (core.metadata): one query; the
# report +1 more for its featured image in the link preview (og:image).
ARTICLE_BUDGET = 13
REPORT_BUDGET = 18
HOME_BUDGET = 21


def queries_for(client, url, host="dateh.test"):
    client.get(url, HTTP_HOST=host)  # warm: image renditions, the portal map
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200
    print(url, len(captured), *(q["sql"][:120] for q in captured.captured_queries), sep="\n  ")
    return len(captured)


def grow_article(article, image, n):
    body = [("paragraph", f"<p>Đoạn {i}</p>") for i in range(n)]
    body += [("image", {"image": image, "alt_text": f"Ảnh {i}", "caption": "", "credit": ""}) for i in range(n)]
    article.body = body
    others = list(NewsArticlePage.objects.exclude(pk=article.pk)[:n])
    article.related_links = [RelatedArticle(article=other) for other in others]
    article.save_revision().publish()


@pytest.fixture
def article(demo_province, sections):
    _province, dateh, _ = demo_province
    news, _ = sections(dateh)
    image = SupervisionReportPage.objects.get(slug="giam-sat-chi-thi-24-ct-tu").featured_image
    for i in range(8):
        news_article(news, f"Tin khác {i}")
    page = news_article(news, "Bài đo truy vấn")
    grow_article(page, image, 1)
    return page, image


def test_article_budget_holds_as_it_grows(client, article):
    page, image = article
    small = queries_for(client, page.url)
    grow_article(page, image, 8)
    big = queries_for(client, page.url)
    assert small == big <= ARTICLE_BUDGET, (small, big)


def test_supervision_report_budget(client, demo_province):
    assert queries_for(client, "/tin-tuc/giam-sat-chi-thi-24-ct-tu/") <= REPORT_BUDGET


def test_home_budget_holds_as_it_grows(client, article):
    page, _ = article
    home = page.get_parent().get_parent().specific
    small = queries_for(client, "/")
    links = [{"title": f"Liên kết {i}", "url": f"https://example.invalid/{i}"} for i in range(10)]
    home.sidebar = [
        *((box.block_type, box.value) for box in home.sidebar),
        ("website_links", {"heading": "Thêm", "display": "list", "links": links}),
    ]
    home.featured = [FeaturedArticle(article=a) for a in NewsArticlePage.objects.all()[:5]]
    home.save_revision().publish()
    big = queries_for(client, "/")
    assert small == big <= HOME_BUDGET, (small, big)


@pytest.mark.slow
def test_budgets_do_not_depend_on_the_number_of_portals(client, article):
    page, _ = article
    before = (queries_for(client, page.url), queries_for(client, "/"))
    for n in range(200):
        provision_tenant(
            TenantSpec(name=f"Xã {n}", slug=f"xa{n}", hostname=f"xa{n}.test", parent="dateh", level="commune")
        )
    after = (queries_for(client, page.url), queries_for(client, "/"))
    assert before == after
