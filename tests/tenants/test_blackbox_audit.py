"""The black-box isolation audit (tests/tenants/blackbox.py), run through a real HTTP
server as each district role of two districts and as a provincial admin, against
canaries planted in every kind of object of another district and of another province.

Reports, per role: requests, canary responses, 5xx; and once: cross-portal changes,
found by comparing database snapshots of the other portals and by looking for
references from the role's own portal to another portal's objects. All must be 0.
"""

import pytest
from wagtail import blocks as wagtail_blocks
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Page, ReferenceIndex
from wagtail.test.utils.form_data import rich_text

from tenants.ownership import owner_of
from tenants.provisioning import TenantSpec, provision_tenant
from tenants.registry import registry
from tenants.roles import Role
from tests.factories import member as make_member

from .blackbox import Browser, Findings, Foreign, audit, serving
from .isolation import CANARY, SEARCH_WORD, plant, snapshot

CANARY_B = "CANARYPROVB4q"
PASSWORD = "mat-khau-kiem-thu-2026"
KIND_OF_MODEL = {
    "page": "page",
    "image": "image",
    "document": "document",
    "newscategory": "newscategory",
    "issuingbody": "issuingbody",
    "user": "user",
}


def member(tenant, role, username):
    return make_member(tenant, role, username, password=PASSWORD)


@pytest.fixture
def two_provinces(demo_province_committed):
    """Province A (Lâm Đồng: Đạ Tẻh, Cát Tiên, Đạ Huoai) and province B (Khánh Hòa,
    Cam Lâm), with canaries in Cát Tiên and in Cam Lâm."""
    from core.demo_content import fixture_article
    from core.demo_content.builder import build_district, build_province

    province, dateh, cattien = demo_province_committed
    dahuoai = provision_tenant(
        TenantSpec(name="Đạ Huoai", slug="dahuoai", hostname="dahuoai.test", parent="lamdong")
    ).tenant
    build_district(dahuoai, province.site.root_url, province, fixture_article())
    province_b = provision_tenant(TenantSpec(name="Khánh Hòa", slug="khanhhoa", hostname="khanhhoa.test")).tenant
    camlam = provision_tenant(
        TenantSpec(name="Cam Lâm", slug="camlam", hostname="camlam.test", parent="khanhhoa")
    ).tenant
    build_province(province_b, province_b.site.root_url)
    build_district(camlam, province_b.site.root_url, province_b, fixture_article())

    victims = {
        "cattien": plant(cattien, [member(cattien, r, f"cattien.{r}") for r in (Role.EDITOR, Role.MODERATOR)]),
        "camlam": plant(camlam, [member(camlam, r, f"camlam.{r}") for r in (Role.EDITOR, Role.MODERATOR)], CANARY_B),
    }
    return {
        "province": province,
        "dateh": dateh,
        "dahuoai": dahuoai,
        "cattien": cattien,
        "camlam": camlam,
        "victims": victims,
    }


def foreign_of(*planted, canaries) -> Foreign:
    ids = {}
    for one in planted:
        for kind, values in one.ids.items():
            ids.setdefault(kind, []).extend(values)
    # A handful of each kind: the draft, moderated, locked and scheduled pages come last.
    ids["page"] = sorted(set(ids["page"]))[-8:]
    return Foreign(ids=ids, canaries=canaries, files=[f for one in planted for f in one.files])


# --- what an attacker who has read Wagtail's source would send ---------------------------
def _filled(block, prefix, foreign: Foreign, fields: list):
    """Form data for one value of `block`, every chooser in it set to a foreign id."""
    if isinstance(block, wagtail_blocks.ChooserBlock):
        model = block.model_class._meta.model_name
        kind = {"image": "image", "document": "document"}.get(model, "page")
        fields.append((prefix, str(foreign.kind_ids(kind)[0])))
    elif isinstance(block, wagtail_blocks.StructBlock):
        for name, child in block.child_blocks.items():
            _filled(child, f"{prefix}-{name}", foreign, fields)
    elif isinstance(block, wagtail_blocks.ListBlock):
        count = max(block.meta.min_num or 1, 1)
        fields.append((f"{prefix}-count", str(count)))
        for i in range(count):
            fields += [(f"{prefix}-{i}-deleted", ""), (f"{prefix}-{i}-order", str(i)), (f"{prefix}-{i}-id", "")]
            _filled(block.child_block, f"{prefix}-{i}-value", foreign, fields)
    elif isinstance(block, wagtail_blocks.RichTextBlock):
        fields.append((prefix, rich_text("<p>kiểm thử</p>")))
    elif isinstance(block, wagtail_blocks.ChoiceBlock):
        fields.append((prefix, str(next(v for v, _ in block.field.choices if v))))
    elif isinstance(block, wagtail_blocks.URLBlock):
        fields.append((prefix, "https://example.org/"))
    elif isinstance(block, wagtail_blocks.DateBlock):
        fields.append((prefix, "2024-01-01"))
    else:
        fields.append((prefix, "kiểm thử"))


def _has_chooser(block) -> bool:
    if isinstance(block, wagtail_blocks.ChooserBlock):
        return True
    children = getattr(block, "child_blocks", None)
    if children:
        return any(_has_chooser(child) for child in children.values())
    child = getattr(block, "child_block", None)
    return child is not None and _has_chooser(child)


def stream_posts_for(foreign: Foreign):
    def stream_posts(forms):
        for (route_key, _names), form in list(forms.items()):
            if route_key[0] != "admin/pages/<int:page_id>/edit/":
                continue
            page = Page.objects.get(pk=int(form.action.strip("/").split("/")[2])).specific
            base = [(n, v) for n, v in form.fields if not any(n.startswith(f) for f in _stream_names(page))]
            for field_name in _stream_names(page):
                stream = page._meta.get_field(field_name).stream_block
                for child_name, child in stream.child_blocks.items():
                    if not _has_chooser(child):
                        continue
                    fields = [
                        (f"{field_name}-count", "1"),
                        (f"{field_name}-0-type", child_name),
                        (f"{field_name}-0-deleted", ""),
                        (f"{field_name}-0-order", "0"),
                        (f"{field_name}-0-id", ""),
                    ]
                    _filled(child, f"{field_name}-0-value", foreign, fields)
                    yield form.action, base + fields
                    yield form.action, [*base, *fields, ("action-publish", "action-publish")]

    return stream_posts


def _stream_names(page):
    from wagtail.fields import StreamField

    return [f.name for f in page._meta.get_fields() if isinstance(f, StreamField)]


def bulk_actions_for(foreign: Foreign):
    bulk_action_registry._scan_for_bulk_actions()
    for app, models in bulk_action_registry.actions.items():
        for model, actions in models.items():
            ids = foreign.kind_ids(KIND_OF_MODEL.get(model, model))
            if not ids:
                continue
            query = "&".join(f"id={i}" for i in ids)
            for action in actions:
                yield f"/admin/bulk/{app}/{model}/{action}/?next=/admin/&{query}"


def api_paths_for(foreign: Foreign):
    for kind in ("pages", "images", "documents"):
        yield f"/admin/api/main/{kind}/?limit=100&fields=*"
        yield f"/admin/api/main/{kind}/?search={SEARCH_WORD}"
        for object_id in foreign.kind_ids(kind[:-1]):
            yield f"/admin/api/main/{kind}/{object_id}/"
    for page_id in foreign.kind_ids("page"):
        yield f"/admin/api/main/pages/?child_of={page_id}"
        yield f"/admin/api/main/pages/?descendant_of={page_id}"
    for chooser, kind in (
        ("/admin/choose-page/chosen-multiple/", "page"),
        ("/admin/images/chooser/chosen-multiple/", "image"),
        ("/admin/documents/chooser/chosen-multiple/", "document"),
        ("/admin/snippets/choose/core/newscategory/chosen-multiple/", "newscategory"),
        ("/admin/snippets/choose/core/issuingbody/chosen-multiple/", "issuingbody"),
    ):
        yield chooser + "?" + "&".join(f"id={i}" for i in foreign.kind_ids(kind))
    for model in ("newscategory", "issuingbody"):
        yield f"/admin/localize/api/snippets/core/{model}/"
        for object_id in foreign.kind_ids(model):
            yield f"/admin/localize/api/snippets/core/{model}/{object_id}/"


def cross_references(tenant) -> list[str]:
    """Objects of `tenant` (its pages' live and latest content, its settings) that
    refer to an image, document, page or snippet of a portal outside its lineage."""
    from django.contrib.contenttypes.models import ContentType

    from themes.models import ThemeSettings

    allowed = {r.id for r in registry.lineage(registry.by_id(tenant.pk))}
    found = []
    pages = Page.objects.descendant_of(tenant.site.root_page, inclusive=True).specific()
    objects = [*pages, *[p.latest_revision.as_object() for p in pages if p.latest_revision_id]]
    objects += list(ThemeSettings.objects.filter(site=tenant.site))
    for obj in objects:
        for content_type_id, object_id, *_ in ReferenceIndex._extract_references_from_object(obj):
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            owner = owner_of(model, object_id)
            if owner is not None and owner not in allowed:
                found.append(f"{tenant.slug}: {obj!r} -> {model.__name__} {object_id} (portal {owner})")
    return found


# One test per role, so that parallel test processes share the audit's minutes.
ROLES = [
    ("dateh", Role.EDITOR),
    ("dateh", Role.MODERATOR),
    ("dahuoai", Role.EDITOR),
    ("dahuoai", Role.MODERATOR),
    ("province", Role.PROVINCIAL_ADMIN),
]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(("portal", "role"), ROLES, ids=[f"{p}-{r}" for p, r in ROLES])
def test_black_box_audit_finds_nothing_of_another_portal(two_provinces, capsys, portal, role):
    from core.wsgi import application

    world = two_provinces
    tenant = world[portal]
    cattien, camlam = world["victims"]["cattien"], world["victims"]["camlam"]
    if role == Role.PROVINCIAL_ADMIN:
        foreign = foreign_of(camlam, canaries=(CANARY_B,))
    else:
        foreign = foreign_of(cattien, camlam, canaries=(CANARY, CANARY_B))
        foreign.host = "cattien.test"

    username = f"{tenant.slug}.{role}.audit"
    with serving(application) as base_url:
        member(tenant, role, username)
        findings = Findings()
        browser = Browser(base_url, tenant.hostname, findings, foreign)
        browser.sign_in(username, PASSWORD)
        audit(
            browser,
            foreign,
            stream_posts=stream_posts_for(foreign),
            bulk_actions=lambda f: bulk_actions_for(f),
            api_paths=api_paths_for,
        )
    failures = [f"{username} canary: {c}" for c in findings.canary]
    failures += [f"{username} error: {e}" for e in findings.errors]
    changes = cross_portal_changes(world, cattien, camlam)
    with capsys.disabled():
        print(
            f"\nBlack-box audit: {username}: {findings.summary()}; "
            + ", ".join(f"{k} {v}" for k, v in findings.by_kind.items())
            + f"; cross-portal changes: {len(changes)}"
        )
    failures += changes
    assert not failures, f"{len(failures)} findings:\n" + "\n".join(failures[:300])


def cross_portal_changes(world, cattien, camlam) -> list[str]:
    """The victims' objects as planted, and no reference from an auditor's portal to
    another portal's objects."""
    changes = []
    if snapshot(world["cattien"]) != cattien.snapshot:
        changes.append("Cát Tiên's objects changed")
    if snapshot(world["camlam"]) != camlam.snapshot:
        changes.append("Cam Lâm's objects changed")
    for tenant in (world["dateh"], world["dahuoai"], world["province"]):
        changes += cross_references(tenant)
    return changes


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_drafts_files_are_not_served_to_anonymous_readers_on_their_own_host(two_provinces):
    from core.wsgi import application

    cattien = two_provinces["victims"]["cattien"]
    anonymous = Findings()
    with serving(application) as base_url:
        # The answer is that portal's own "not found" page (its public slogan, where a
        # canary was planted, is rightly on it), never the file: so the check is the
        # status and the type.
        browser = Browser(base_url, "cattien.test", anonymous, Foreign(ids={}, canaries=(), files=[]))
        for path in cattien.files:
            response = browser.request("GET", path, kind="draft file on its own host", anonymous=True)
            if response is not None and (
                response.status_code != 404 or not response.headers.get("Content-Type", "").startswith("text/html")
            ):
                anonymous.canary.append(f"GET {path} {response.status_code} {response.headers.get('Content-Type')}")
    assert cattien.files, "no draft file was planted"
    assert not anonymous.canary, "anonymous file served:\n" + "\n".join(anonymous.canary)
