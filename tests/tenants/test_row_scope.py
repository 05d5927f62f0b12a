"""tenants.row_scope: every query of an admin request sees its scope's rows only."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from core.models import IssuingBody, NewsCategory
from tenants.row_scope import SHARED, rule_for
from tenants.scope_context import scoped, unscoped
from tenants.visibility import scope_for


def test_every_model_is_scoped_or_says_why_it_is_shared():
    unclassified = [
        model._meta.label for model in apps.get_models() if rule_for(model) is None and model._meta.label not in SHARED
    ]
    assert not unclassified, "models with no scoping rule and no reason to be shared: " + ", ".join(unclassified)


@pytest.fixture
def editor_of(demo_province):
    def _editor(tenant, role="editor"):
        user = get_user_model().objects.create_user(f"{tenant.slug}.{role}.scope", password="x")
        user.groups.add(tenant.groups.get(role=role).group)
        return user

    return _editor


def test_a_district_sees_its_pages_and_its_provinces_live_pages_only(demo_province, editor_of):
    province, dateh, cattien = demo_province
    draft = Page.objects.descendant_of(province.site.root_page).live().last()
    draft.unpublish()
    with scoped(scope_for(editor_of(dateh))):
        seen = set(Page.objects.values_list("pk", flat=True))
    with unscoped():
        own = set(Page.objects.descendant_of(dateh.site.root_page, inclusive=True).values_list("pk", flat=True))
        province_live = set(
            Page.objects.descendant_of(province.site.root_page, inclusive=True).live().values_list("pk", flat=True)
        )
        theirs = set(Page.objects.descendant_of(cattien.site.root_page, inclusive=True).values_list("pk", flat=True))
    assert own <= seen and province_live <= seen
    assert not seen & theirs
    assert draft.pk not in seen


def test_media_snippets_users_and_groups_are_the_portals_own(demo_province, editor_of):
    from django.contrib.auth.models import Group

    _province, dateh, cattien = demo_province
    theirs_user = editor_of(cattien)
    with scoped(scope_for(editor_of(dateh))):
        images = set(get_image_model().objects.values_list("collection_id", flat=True))
        documents = set(get_document_model().objects.values_list("collection_id", flat=True))
        categories = set(NewsCategory.objects.values_list("tenant_id", flat=True))
        users = set(get_user_model().objects.values_list("pk", flat=True))
        group_names = list(Group.objects.values_list("name", flat=True))
    assert images <= {dateh.collection_id} and documents <= {dateh.collection_id}
    assert cattien.pk not in categories
    assert theirs_user.pk not in users
    assert group_names and all("Cát Tiên" not in name for name in group_names)


def test_changes_reach_only_the_portals_own_rows(demo_province, editor_of):
    province, dateh, cattien = demo_province
    with scoped(scope_for(editor_of(dateh))):
        # A district may read its province's issuing bodies, but never change them.
        assert IssuingBody.objects.filter(tenant=province).exists()
        assert IssuingBody.objects.filter(tenant=province).update(name="đổi") == 0
        assert IssuingBody.objects.filter(tenant=cattien).update(name="đổi") == 0
        deleted, _ = NewsCategory.objects.filter(tenant=cattien).delete()
    assert deleted == 0
    assert not IssuingBody.objects.filter(name="đổi").exists()
    assert NewsCategory.objects.filter(tenant=cattien).exists()


def test_a_foreign_key_from_an_object_in_hand_still_resolves(demo_province, editor_of):
    """Navigating from an object already in scope is not scoped: a district page's
    owner may be the provincial admin, whom a district does not list."""
    province, dateh, _cattien = demo_province
    admin = editor_of(province, "provincial_admin")
    page = Page.objects.descendant_of(dateh.site.root_page).first()
    Page.objects.filter(pk=page.pk).update(owner=admin)
    with scoped(scope_for(editor_of(dateh))):
        page = Page.objects.get(pk=page.pk)
        assert page.owner == admin
        assert not get_user_model().objects.filter(pk=admin.pk).exists()


def test_the_page_condition_costs_the_same_for_few_portals_or_many(demo_province, editor_of):
    """One condition on the tree-path prefix, whatever the number of portals: never an
    OR of one LIKE per portal."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tenants.provisioning import TenantSpec, provision_tenant

    province, _dateh, _cattien = demo_province
    admin = editor_of(province, "provincial_admin")

    def page_statement():
        admin.__dict__.pop("_tenant_scope", None)
        with scoped(scope_for(admin)), CaptureQueriesContext(connection) as captured:
            list(Page.objects.all())
        return captured.captured_queries[-1]["sql"]

    few = page_statement()
    for number in range(6):
        provision_tenant(
            TenantSpec(name=f"Xã {number}", slug=f"xa{number}", hostname=f"xa{number}.test", parent="lamdong")
        )
    many = page_statement()
    assert many.count(" OR ") == few.count(" OR ") and "LIKE" not in many
    assert many.count("SUBSTR") == few.count("SUBSTR")
