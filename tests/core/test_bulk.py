"""Bulk page creation: a valid tree, live pages that serve and search like any other."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page

from core.bulk import bulk_add_children
from core.demo_content import bulk
from core.models import DirectivePage, NewsArticlePage
from tenants.models import Tenant


def test_bulk_children_form_a_valid_tree_and_serve(client, demo_province, sections):
    _province, dateh, _cattien = demo_province
    news, _ = sections(dateh)
    before = news.get_children().count()
    bulk_add_children(news, bulk.articles(dateh, 1200), batch_size=500)
    assert news.get_children().count() == before + 1200
    assert Page.find_problems() == ([], [], [], [], [])
    response = client.get("/tin-tuc/tin-1200/", HTTP_HOST="dateh.test")
    assert response.status_code == 200
    assert "(1200)" in response.content.decode()
    # Searchable at once, and only on its own portal.
    assert "/tin-tuc/tin-1200/" in client.get("/tim-kiem/", {"q": "1200"}, HTTP_HOST="dateh.test").content.decode()
    assert "tin-1200" not in client.get("/tim-kiem/", {"q": "1200"}, HTTP_HOST="cattien.test").content.decode()


def test_bulk_directives_are_found_by_the_lookup(client, demo_province, sections):
    province, *_ = demo_province
    _, index = sections(province)
    bulk_add_children(index, bulk.directives(province, 40))
    page = DirectivePage.objects.get(slug="vb-7")
    assert page.number_key and page.search_folded
    html = client.get(
        "/van-ban/", {"so": page.number_symbol.replace("-", " ")}, HTTP_HOST="cattien.test"
    ).content.decode()
    assert page.number_symbol in html


def test_mixed_types_are_refused(demo_province, sections):
    _province, dateh, _ = demo_province
    news, _ = sections(dateh)
    with pytest.raises(ValueError, match="one type"):
        bulk_add_children(news, [*bulk.articles(dateh, 1), *bulk.directives(dateh, 1)])


@pytest.mark.django_db
def test_seed_demo_scales_and_tops_up(capsys):
    call_command("seed_demo", "--tenants", "5", "--articles", "30", "--directives", "20")
    call_command("seed_demo", "--tenants", "5", "--articles", "30", "--directives", "20")
    assert Tenant.objects.filter(level="district").count() == 5
    for district in Tenant.objects.filter(level="district"):
        assert NewsArticlePage.objects.descendant_of(district.site.root_page).count() >= 30
    assert DirectivePage.objects.count() == 20
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
@pytest.mark.parametrize("args", [["--tenants", "0"], ["--articles", "-1"], ["--tenants", "1000"]])
def test_seed_demo_refuses_nonsense_sizes(args):
    with pytest.raises(CommandError):
        call_command("seed_demo", *args)
