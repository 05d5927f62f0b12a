"""The provincial admin's screens cost the same with 3 portals as with 11: the same
number of queries, and no condition repeated per portal (an OR of one LIKE per portal
made the explorer take 14 s and site history 46 s at 200 portals). Timings at 200
portals are measured by `make bench-admin`; this checks the shape, deterministically."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import NewsIndexPage
from tenants.provisioning import TenantSpec, provision_tenant
from tenants.roles import Role

SCREENS = {
    "dashboard": lambda w: reverse("wagtailadmin_home"),
    "explorer of the province home": lambda w: reverse("wagtailadmin_explore", args=[w["province"].site.root_page_id]),
    "explorer of a news index": lambda w: reverse("wagtailadmin_explore", args=[w["news"].pk]),
    "page search": lambda w: reverse("wagtailadmin_pages:search") + "?q=dan+van",
    "site history": lambda w: reverse("wagtailadmin_reports:site_history"),
    "locked pages": lambda w: reverse("wagtailadmin_reports:locked_pages"),
    "images": lambda w: reverse("wagtailimages:index"),
    "image chooser": lambda w: reverse("wagtailimages_chooser:choose"),
    # Wagtail renders each row's status with a few queries: the root, which lists one
    # home per portal, grows with its rows up to a page (25); a section does not.
    "page chooser": lambda w: reverse("wagtailadmin_choose_page_child", args=[w["news"].pk]),
}


def shape(client, url) -> tuple[int, int, int]:
    """(queries, ORs, LIKEs) of one request."""
    client.get(url, HTTP_HOST="lamdong.test")  # warm per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_HOST="lamdong.test")
    assert response.status_code == 200, (url, response.status_code)
    sql = " ".join(q["sql"] for q in captured.captured_queries)
    return len(captured.captured_queries), len(re.findall(r"\bOR\b", sql)), len(re.findall(r"\bLIKE\b", sql))


@pytest.mark.parametrize("screen", SCREENS)
def test_a_provincial_admins_screen_does_not_grow_with_the_portals(client, demo_province, screen):
    province, dateh, _cattien = demo_province
    admin = get_user_model().objects.create_user("tinh.scale", password="x")
    admin.groups.add(province.groups.get(role=Role.PROVINCIAL_ADMIN).group)
    world = {"province": province, "news": NewsIndexPage.objects.descendant_of(dateh.site.root_page).get()}
    url = SCREENS[screen](world)

    client.force_login(admin)
    few = shape(client, url)
    for number in range(8):
        provision_tenant(
            TenantSpec(name=f"Xã {number}", slug=f"xa{number}", hostname=f"xa{number}.test", parent="lamdong")
        )
    client.force_login(admin)  # a fresh user object: its permissions now cover 11 portals
    many = shape(client, url)
    assert many == few, f"{screen}: (queries, ORs, LIKEs) {few} with 3 portals, {many} with 11"
