"""What each admin request costs does not grow with the rows it lists or the portals
around it (issue 17): the explorer asks nothing per row, a user's permissions are read
as plain values, and a page's sites are found without comparing it with every site.
Timings at 200 portals are `make bench-admin`'s; these check the causes,
deterministically, and that the answers are Wagtail's own."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page, Site

from core.models import NewsIndexPage
from tenants.permission_rows import CollectionPermissionRow, PagePermissionRow, _rows
from tenants.roles import Role
from tenants.site_root_index import relevant_site_root_paths
from tests.factories import member, news_article


def _queries(client, url) -> int:
    client.get(url, HTTP_HOST="dateh.test")  # warm per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_HOST="dateh.test")
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries)


@pytest.mark.parametrize("role", [Role.EDITOR, Role.MODERATOR, Role.PROVINCIAL_ADMIN])
def test_the_explorer_asks_nothing_per_row(client, demo_province, role):
    """Editors (no publish permission) asked per row whether the page or a page below
    it is live, twice; translators asked wagtail-localize's two questions per row."""
    province, dateh, _cattien = demo_province
    user = member(province if role == Role.PROVINCIAL_ADMIN else dateh, role, "explorer.rows")
    news = NewsIndexPage.objects.descendant_of(dateh.site.root_page).get(slug="tin-tuc")
    url = reverse("wagtailadmin_explore", args=[news.pk])
    client.force_login(user)
    few = _queries(client, url)
    for number in range(6):
        news_article(news, f"Tin thêm {number}")
    many = _queries(client, url)
    assert many == few, f"{role}: {few} queries with fewer rows, {many} with 6 more"


@pytest.mark.parametrize("role", [Role.EDITOR, Role.PROVINCIAL_ADMIN])
def test_the_page_chooser_asks_nothing_per_row(client, demo_province, role):
    """Browsing the chooser asked each row's approved schedule, workflow and locale
    (four queries a row). One is left: Wagtail's parent column asks each row's parent."""
    province, dateh, _cattien = demo_province
    user = member(province if role == Role.PROVINCIAL_ADMIN else dateh, role, "chooser.rows")
    news = NewsIndexPage.objects.descendant_of(dateh.site.root_page).get(slug="tin-tuc")
    url = reverse("wagtailadmin_choose_page_child", args=[news.pk])
    client.force_login(user)
    few = _queries(client, url)
    for number in range(6):
        news_article(news, f"Tin chọn {number}")
    many = _queries(client, url)
    assert many - few <= 6, f"{role}: {few} queries with fewer rows, {many} with 6 more"


def test_the_explorer_shows_the_same_buttons(client, demo_province):
    """The answers read from the row are Wagtail's: a live page can't be deleted by an
    editor, a draft can."""
    _province, dateh, _cattien = demo_province
    editor = member(dateh, Role.EDITOR, "explorer.editor")
    news = NewsIndexPage.objects.descendant_of(dateh.site.root_page).get(slug="tin-tuc")
    live = news_article(news, "Tin đã đăng")
    draft = news_article(news, "Tin nháp")
    draft.unpublish()
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_explore", args=[news.pk]), HTTP_HOST="dateh.test").content.decode()
    assert reverse("wagtailadmin_pages:delete", args=[draft.pk]) in html
    assert reverse("wagtailadmin_pages:delete", args=[live.pk]) not in html
    assert draft.permissions_for_user(editor).can_delete() and not live.permissions_for_user(editor).can_delete()


def test_translation_buttons_are_wagtail_localizes(demo_province):
    """The translation buttons read from the explorer's annotations are the ones
    wagtail-localize's own hook gives, row by row."""
    import wagtail_localize.wagtail_hooks as localize_hooks

    from tenants.listing_queries import _annotate_translation_state, _translation_buttons

    _province, dateh, _cattien = demo_province
    moderator = member(dateh, Role.MODERATOR, "explorer.translator")
    assert moderator.has_perm("wagtail_localize.submit_translation")
    news = NewsIndexPage.objects.descendant_of(dateh.site.root_page).get(slug="tin-tuc")
    news_article(news, "Tin để dịch")
    original = localize_hooks.page_listing_more_buttons
    ours = _translation_buttons(original)
    rows = _annotate_translation_state(Page.objects.descendant_of(dateh.site.root_page).specific())
    offered = 0
    for page in rows:
        theirs = [(b.label, b.url) for b in original(page, moderator, next_url="/admin/")]
        assert [(b.label, b.url) for b in ours(page, moderator, next_url="/admin/")] == theirs, page.url_path
        offered += len(theirs)
    assert offered


def test_permission_rows_are_the_users_rows(demo_province):
    province, _dateh, _cattien = demo_province
    admin = member(province, Role.PROVINCIAL_ADMIN, "rows.admin")
    pages = _rows(GroupPagePermission, "page", PagePermissionRow, admin)
    assert {(r.pk, r.page_id, r.page.path, r.page.depth, r.permission.codename) for r in pages} == {
        (p.pk, p.page_id, p.page.path, p.page.depth, p.permission.codename)
        for p in GroupPagePermission.objects.filter(group__user=admin).select_related("page", "permission")
    }
    collections = _rows(GroupCollectionPermission, "collection", CollectionPermissionRow, admin)
    assert {(r.pk, r.collection_id, r.collection.path, r.permission.codename) for r in collections} == {
        (p.pk, p.collection_id, p.collection.path, p.permission.codename)
        for p in GroupCollectionPermission.objects.filter(group__user=admin).select_related("collection", "permission")
    }


def test_a_users_permissions_are_read_in_one_query_each(demo_province):
    from wagtail.permission_policies.pages import PagePermissionPolicy

    province, dateh, _cattien = demo_province
    admin = member(province, Role.PROVINCIAL_ADMIN, "rows.once")
    policy = PagePermissionPolicy()
    home = dateh.site.root_page
    with CaptureQueriesContext(connection) as captured:
        policy.get_cached_permissions_for_user(admin)
        assert policy.user_has_permission_for_instance(admin, "change", home)
        assert policy.explorable_root_instance(admin) is not None
    assert len(captured.captured_queries) <= 2  # the rows, and the common ancestor page


def test_the_owner_filter_offers_wagtails_choices(client, demo_province):
    """The explorer's owner filter: users owning a page the person may see."""
    from wagtail.admin.views.pages.listing import PageFilterSet

    _province, dateh, _cattien = demo_province
    editor = member(dateh, Role.EDITOR, "owner.filter")
    news = NewsIndexPage.objects.descendant_of(dateh.site.root_page).get(slug="tin-tuc")
    article = news_article(news, "Tin của biên tập viên")
    Page.objects.filter(pk=article.pk).update(owner=editor)
    owners = PageFilterSet.base_filters["owner"].queryset(None)
    users = get_user_model().objects
    assert set(owners) == set(users.filter(pk__in=Page.objects.values_list("owner_id", flat=True)))
    assert editor in set(owners)


def test_a_pages_sites_are_wagtails(demo_province):
    paths = Site.get_site_root_paths()

    class Holder:
        pass

    holder = Holder()
    for page in Page.objects.all():
        wagtails = tuple(site for site in paths if page.url_path.startswith(site.root_path))
        assert relevant_site_root_paths(page, paths, holder) == wagtails, page.url_path


def test_outermost_paths_are_wagtails_subtrees():
    """The subtrees a set of permission rows covers: the paths not under another one,
    found by prefix lookups instead of comparing every pair (issue 17)."""
    from tenants.scale_fixes import _outermost

    homes = [f"0001{n:04X}" for n in range(1, 201)]
    rows = homes * 5 + [home + "0001" for home in homes] + ["0001", "00010003000200010001", "0002"]
    naive = []
    for path in sorted(set(rows), key=len):
        if not any(path.startswith(outer) for outer in naive):
            naive.append(path)
    assert sorted(_outermost(rows)) == sorted(naive) == ["0001", "0002"]
    assert sorted(_outermost(rows[:-3])) == homes
    assert sorted(_outermost(["00010002", "000100020003", "00010003"])) == ["00010002", "00010003"]


def test_the_explorer_reads_the_site_root_paths_once(client, demo_province, monkeypatch):
    """Each row's "View live" link (page.url, without a request) fetched and unpickled
    Wagtail's whole list of site root paths from the cache again (issue 17); a request
    now reads it once (once more where Wagtail caches it on the request itself), however
    many rows it lists, and its URLs are the same."""
    from wagtail.models import Site

    province, dateh, _cattien = demo_province
    user = member(province, Role.PROVINCIAL_ADMIN, "explorer.sites")
    news = NewsIndexPage.objects.descendant_of(dateh.site.root_page).get(slug="tin-tuc")
    client.force_login(user)
    url = reverse("wagtailadmin_explore", args=[news.pk])
    reads = []
    original = Site.get_site_root_paths
    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(lambda: reads.append(1) or original()))

    def reads_for_one_request():
        reads.clear()
        html = client.get(url, HTTP_HOST="dateh.test").content.decode()
        return len(reads), html

    articles = [news_article(news, f"Tin xem {number}") for number in range(2)]
    few, _html = reads_for_one_request()
    articles += [news_article(news, f"Tin xem thêm {number}") for number in range(6)]
    many, html = reads_for_one_request()
    assert many == few <= 2, f"{few} reads of the site root paths with fewer rows, {many} with 6 more"
    for article in articles:
        assert f'href="{Page.objects.get(pk=article.pk).url}"' in html
