"""`manage.py export_portal` and `import_portal`: Đạ Tẻh leaves one deployment as one
file and arrives in another (a second database, a second media folder) as a portal of
its own: its real supervision report served with its view count, images and
documents, its links pointing at its own new pages, its editors in their roles, its
draft still a draft, its English pages still its translations; and nothing of Cát Tiên
in the file or the import. Damaged files, taken codes and addresses, an unknown parent
and another version of the code are refused, leaving nothing behind."""

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from analytics.models import PageViewTotal
from citizens.models import DraftComment, Question
from core.demo_content import fixture_article
from core.demo_content.builder import carry_over_old_counters
from core.demo_content.english import translate_portal
from core.models import NewsArticlePage, NewsCategory, SupervisionReportPage
from operations.portal_move import archive
from tenants.models import Tenant, TenantGroup
from tenants.roles import Role
from tests.analytics.conftest import views_shown, visit

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "/tin-tuc/giam-sat-chi-thi-24-ct-tu/"
DRAFT_TITLE = "Bản nháp chưa duyệt"


# --- the source: Đạ Tẻh with a document, links, a draft, English pages and people ---------
def _enrich(dateh, cattien):
    """What a real portal has and the demo lacks: a document in a sub-collection, links
    from the report to a page and a document of its own, a draft, English pages, a view
    count carried over from the old site, and people with roles (Cát Tiên's too)."""
    folder = dateh.collection.add_child(name="Văn bản scan")
    document = get_document_model().objects.create(
        title="Quyết định 893-QĐ/HU", collection=folder, file=ContentFile(b"%PDF-1.4 893", name="qd-893.pdf")
    )
    get_document_model().objects.create(
        title="Tài liệu Cát Tiên", collection=cattien.collection, file=ContentFile(b"cat tien", name="cattien.pdf")
    )
    report = SupervisionReportPage.objects.descendant_of(dateh.site.root_page).get()
    story = NewsArticlePage.objects.descendant_of(dateh.site.root_page).order_by("path").first()
    report.body.append(
        (
            "paragraph",
            f'<p>Xem <a linktype="page" id="{story.pk}">tin hoạt động</a> và '
            f'<a linktype="document" id="{document.pk}">quyết định</a>.</p>',
        )
    )
    report.body.append(("documents", {"heading": "Tài liệu", "documents": [document]}))
    report.related_links.create(article=story)
    report.save_revision().publish()
    story.title = DRAFT_TITLE
    story.save_revision()  # not published: a draft
    calendar = Page.objects.descendant_of(dateh.site.root_page).get(slug="lich-cong-tac")
    PageViewRestriction.objects.create(page=calendar, restriction_type="password", password="lich-noi-bo")
    internal = CollectionViewRestriction.objects.create(
        collection=dateh.collection.add_child(name="Nội bộ"), restriction_type="groups"
    )
    internal.groups.add(TenantGroup.objects.get(tenant=dateh, role=Role.EDITOR).group)
    carry_over_old_counters(dateh, fixture_article())
    Question.objects.create(
        tenant=dateh, topic="dat-dai", question="Hỏi về cấp sổ đỏ", status="published", answer="Đã trả lời"
    )
    translate_portal(dateh)
    people = {}
    for username, tenant, role in (("bientap.dateh", dateh, Role.EDITOR), ("duyet.dateh", dateh, Role.MODERATOR),
                                   ("bientap.cattien", cattien, Role.EDITOR)):  # fmt: skip
        people[username] = User.objects.create_user(username, email=f"{username}@example.invalid", password="x")
        TenantGroup.objects.get(tenant=tenant, role=role).group.user_set.add(people[username])
    return report, story, document


def _export(tmp_path) -> Path:
    path = tmp_path / "dateh.portal.tar.gz"
    call_command("export_portal", "dateh", str(path), stdout=io.StringIO())
    return path


def _file_text(path: Path) -> str:
    with tarfile.open(path, "r:gz") as tar:
        return "\n".join(
            m.name + "\n" + tar.extractfile(m).read().decode(errors="replace") for m in tar.getmembers() if m.isfile()
        )


def _assert_nothing_of_cattien(path: Path, cattien):
    text = _file_text(path)
    for trace in ("Cát Tiên", "cattien", "bientap.cattien"):
        assert trace not in text, trace
    manifest = json.loads(text.split("manifest.json\n", 1)[1])
    assert manifest["portal"]["slug"] == "dateh" and manifest["portal"]["parent"] == "lamdong"


# --- into the same database, beside the original (fast; SQLite and PostgreSQL) -----------
def test_an_export_imports_as_a_new_portal_with_its_references_remapped(demo_province, tmp_path):
    province, dateh, cattien = demo_province
    report, story, document = _enrich(dateh, cattien)
    path = _export(tmp_path)
    _assert_nothing_of_cattien(path, cattien)

    out = io.StringIO()
    call_command("import_portal", str(path), "--slug", "dateh2", "--hostname", "dateh2.test", stdout=out)
    assert "Imported dateh2" in out.getvalue() and "bientap.dateh" in out.getvalue()
    assert "pointed at" not in out.getvalue()  # here every page it points at exists
    moved = Tenant.objects.get(slug="dateh2")
    assert (moved.parent, moved.level, moved.hostname) == (province, "district", "dateh2.test")
    home = Page.objects.get(pk=moved.site.root_page_id)
    old_pages = set(Page.objects.descendant_of(dateh.site.root_page).values_list("title", flat=True))
    new_pages = Page.objects.descendant_of(home)
    assert set(new_pages.values_list("title", flat=True)) == old_pages
    mine = set(new_pages.values_list("pk", flat=True))

    copy = SupervisionReportPage.objects.descendant_of(home).get()
    assert copy.pk != report.pk and copy.title == report.title
    collections = [moved.collection, *moved.collection.get_descendants()]
    assert sorted(c.name for c in collections[1:]) == ["Nội bộ", "Văn bản scan"]
    images = [block.value["image"] for block in copy.body if block.block_type == "image"]
    assert len(images) == 2 and all(image.collection_id == moved.collection_id for image in images)
    assert copy.featured_image_id == images[0].pk != report.featured_image_id
    (attached,) = next(block.value["documents"] for block in copy.body if block.block_type == "documents")
    assert attached.pk != document.pk and attached.collection in collections
    assert attached.file.read() == b"%PDF-1.4 893"
    links = " ".join(block["value"] for block in copy.body.raw_data if block["type"] == "paragraph")
    (new_story,) = NewsArticlePage.objects.descendant_of(home).filter(slug=story.slug)
    assert _linked(links, "page") == [new_story.pk] and _linked(links, "document") == [attached.pk]
    assert [link.article_id for link in copy.related_links.all()] == [new_story.pk]
    assert new_story.pk in mine
    # The provincial directive it supervises stays the province's (same deployment here).
    assert [d.directive_id for d in copy.supervised_directives.all()] == [
        d.directive_id for d in report.supervised_directives.all()
    ]
    assert {c.tenant_id for c in copy.categories.all()} == {moved.pk}
    assert NewsCategory.objects.filter(tenant=moved).count() == NewsCategory.objects.filter(tenant=dateh).count()

    # The draft is still a draft; the live page is what readers saw.
    assert new_story.title != DRAFT_TITLE and new_story.has_unpublished_changes
    assert new_story.get_latest_revision_as_object().title == DRAFT_TITLE
    # The English home is the new home's translation, beside it.
    english = home.get_translations().get(locale__language_code="en")
    assert english.translation_key == home.translation_key and english.slug.startswith("dateh2")
    assert Page.objects.descendant_of(english).exists()

    # Citizens' questions come along (here, beside the original, with tracking codes of
    # their own); comments on a draft follow the draft.
    codes = set(Question.objects.filter(tenant=moved).values_list("tracking_code", flat=True))
    assert len(codes) == Question.objects.filter(tenant=dateh).count() > 0
    assert not codes & set(Question.objects.filter(tenant=dateh).values_list("tracking_code", flat=True))
    comments = DraftComment.objects.filter(tenant=moved)
    assert comments.count() == DraftComment.objects.filter(tenant=dateh).count() > 0
    assert {comment.draft_id for comment in comments} <= mine

    # What was private stays private: the password, and the portal's own group.
    calendar = Page.objects.descendant_of(home).get(slug="lich-cong-tac")
    assert [(r.restriction_type, r.password) for r in PageViewRestriction.objects.filter(page=calendar)] == [
        ("password", "lich-noi-bo")
    ]
    internal = CollectionViewRestriction.objects.get(collection__in=collections)
    assert list(internal.groups.all()) == [TenantGroup.objects.get(tenant=moved, role=Role.EDITOR).group]

    assert PageViewTotal.objects.get(tenant=moved, page_id=copy.pk).views == fixture_article()["views"]
    editors = TenantGroup.objects.get(tenant=moved, role=Role.EDITOR).group.user_set.all()
    assert [u.username for u in editors] == ["bientap.dateh"]
    assert (
        not TenantGroup.objects.get(tenant=moved, role=Role.EDITOR)
        .group.user_set.filter(username="bientap.cattien")
        .exists()
    )

    status, _headers, html = visit("dateh2.test", ARTICLE)
    assert status == 200 and report.title in html
    assert views_shown(html) == fixture_article()["views"] + 1


# --- into a second database and media folder (another deployment) -----------------------
@pytest.fixture
def other_database(tmp_path):
    url = _migrated_copy(tmp_path)
    yield url
    if url.startswith("postgresql:"):
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            conn.execute('DROP DATABASE IF EXISTS "portal_move_dst" WITH (FORCE)')


def _migrated_copy(tmp_path) -> str:
    """A fresh, migrated database for the other deployment: cloned from a template
    migrated once per set of migrations (bench.harness does the same for benchmarks)."""
    from bench.harness import migrations_fingerprint

    fingerprint = migrations_fingerprint()[:16]
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        template = Path(f"/tmp/portal_move_template-{fingerprint}.sqlite3")
        if not template.exists():
            _manage({"DATABASE_URL": f"sqlite:///{template}.part"}, "migrate", "--noinput")
            os.replace(f"{template}.part", template)
        shutil.copyfile(template, tmp_path / "other.sqlite3")
        return f"sqlite:///{tmp_path / 'other.sqlite3'}"
    return _postgres_copy(fingerprint)


def _postgres_copy(fingerprint) -> str:
    import psycopg
    from psycopg import sql

    admin, template, name = "postgresql://postgres@127.0.0.1:5432/postgres", "portal_move_template", "portal_move_dst"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(hashtext(%s))", [template])
        made = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [template]
        ).fetchone()
        if made is None or made[0] != fingerprint:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(template)))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(template)))
            _manage({"DATABASE_URL": f"postgresql://postgres@127.0.0.1:5432/{template}"}, "migrate", "--noinput")
            conn.execute(
                sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(template), sql.Literal(fingerprint))
            )
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template)))
    return f"postgresql://postgres@127.0.0.1:5432/{name}"


def _manage(env, *args, media=None):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "core.settings.dev",
            "MEDIA_ROOT": str(media or "/nonexistent"),
            "REDIS_KEY_PREFIX": f"portal-move-{os.getpid()}",
            **env,
        },
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_portal_moves_to_another_deployment(demo_province_committed, other_database, tmp_path):
    _province, dateh, cattien = demo_province_committed
    report, _story, _document = _enrich(dateh, cattien)
    visit("dateh.test", ARTICLE)  # a view still in Redis: the export flushes it into the file
    path = _export(tmp_path)
    _assert_nothing_of_cattien(path, cattien)

    other = {"DATABASE_URL": other_database}
    media = tmp_path / "other-media"
    _manage(other, "create_tenant", "--name", "Lâm Đồng", "--slug", "lamdong", "--hostname", "lamdong.moved.test",
            media=media)  # fmt: skip
    said = _manage(other, "import_portal", str(path), "--hostname", "dateh.moved.test", media=media)
    assert "Imported dateh" in said and "inactive" in said
    # The province's directive the report supervises is not in this deployment's province.
    assert "1 pages, images or documents it pointed at are not in this deployment" in said
    probe = json.loads(
        _manage(other, "shell", "-c", "from tests.operations.portal_move_probe import main; main()", media=media)
        .strip()
        .splitlines()[-1]
    )

    assert probe["portals"] == ["dateh", "lamdong"]
    assert probe["status"] == 200 and probe["title_shown"]
    assert probe["views"] == fixture_article()["views"] + 2  # the one flushed into the file, and this one
    assert probe["images_shown"] >= 2 and probe["images_served"] and probe["document_served"]
    assert probe["links_inside"] and probe["links_inside"] == probe["links_to_own_pages"]
    assert probe["roles"] == {"bientap.dateh": ["editor"], "duyet.dateh": ["moderator"]}
    assert probe["inactive_without_password"] == ["bientap.dateh", "duyet.dateh"]
    assert probe["draft_kept"] and probe["english_home"]
    assert probe["cattien_traces"] == []
    assert probe["tracking_codes"] == sorted(
        Question.objects.filter(tenant=dateh).values_list("tracking_code", flat=True)
    )
    assert sorted(p.name for p in media.rglob("*") if p.is_file() and "original" in str(p)) == probe["image_files"]
    assert report.title == probe["title"]


# --- refusals: nothing half-created -----------------------------------------------------
@pytest.fixture
def exported(demo_province, tmp_path):
    return _export(tmp_path)


def _nothing_new(before):
    assert set(Tenant.objects.values_list("slug", flat=True)) == before["portals"]
    assert Collection.objects.count() == before["collections"]
    assert sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()) == before["files"]


@pytest.fixture
def before(exported):
    return {
        "portals": set(Tenant.objects.values_list("slug", flat=True)),
        "collections": Collection.objects.count(),
        "files": sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()),
    }


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ([], "Đã có cổng mang mã dateh"),
        (["--slug", "dateh2"], "dateh.test đã được cổng «Đạ Tẻh» (dateh) dùng"),
        (["--slug", "dateh2", "--hostname", "lamdong.test"], "lamdong.test đã được cổng"),
        (["--slug", "dateh2", "--hostname", "dateh2.test", "--parent", "khanhhoa"], "cổng cấp trên mang mã khanhhoa"),
    ],
    ids=["code-taken", "hostname-taken", "another-portals-hostname", "unknown-parent"],
)
def test_an_import_refuses_a_taken_code_or_address_and_an_unknown_parent(exported, before, options, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("import_portal", str(exported), *options)
    _nothing_new(before)


def test_an_import_refuses_a_damaged_file_or_one_that_is_not_an_export(exported, before, tmp_path):
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(exported.read_bytes()[: exported.stat().st_size // 2])
    other = tmp_path / "other.tar.gz"
    with tarfile.open(other, "w:gz") as tar:
        tar.add(__file__, arcname="notes.txt")
    tampered = _rewritten(exported, tmp_path / "tampered.tar.gz", content=lambda text: text.replace("Đạ Tẻh", "Đạ Tẻ"))
    for path, message in ((truncated, "tệp hỏng"), (other, "không phải tệp xuất cổng"), (tampered, "đã bị hỏng")):
        with pytest.raises(CommandError, match=message):
            call_command("import_portal", str(path), "--slug", "dateh2", "--hostname", "dateh2.test")
    _nothing_new(before)


def test_an_import_refuses_an_export_made_with_other_migrations(exported, before, tmp_path):
    def newer(manifest):
        manifest["migrations"]["core"].append("9999_from_the_future")
        return manifest

    path = _rewritten(exported, tmp_path / "newer.tar.gz", manifest=newer)
    with pytest.raises(CommandError, match=r"khác migration: \+core.9999_from_the_future"):
        call_command("import_portal", str(path), "--slug", "dateh2", "--hostname", "dateh2.test")
    _nothing_new(before)


def test_a_failed_import_leaves_no_portal_and_no_files(exported, before, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr("operations.portal_move.restore_people", fail)  # the last step: media are copied by then
    with pytest.raises(RuntimeError, match="the disk is full"):
        call_command("import_portal", str(exported), "--slug", "dateh2", "--hostname", "dateh2.test")
    _nothing_new(before)
    assert not get_image_model().objects.filter(collection__name__contains="dateh2").exists()


def test_an_export_refuses_an_unknown_portal_and_an_existing_file(demo_province, tmp_path):
    with pytest.raises(CommandError, match="Không có cổng nào mang mã nowhere"):
        call_command("export_portal", "nowhere", str(tmp_path / "x.tar.gz"))
    (tmp_path / "x.tar.gz").write_text("keep me")
    with pytest.raises(CommandError, match="đã có"):
        call_command("export_portal", "dateh", str(tmp_path / "x.tar.gz"))
    assert (tmp_path / "x.tar.gz").read_text() == "keep me"


def test_every_model_that_points_at_a_portal_or_its_site_is_carried_or_said_why_not():
    from django.apps import apps
    from wagtail.models import Site

    from operations.portal_move.rules import SKIPPED, owned_models

    carried = {model._meta.label for model, _field, _owner in owned_models()}
    pointing = {
        model._meta.label
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if getattr(field, "related_model", None) in (Tenant, Site) and (field.many_to_one or field.one_to_one)
    }
    assert pointing == carried | set(SKIPPED)
    assert {"core.NewsCategory", "themes.ThemeSettings", "analytics.PageViewTotal", "citizens.Question"} <= carried


def _linked(html: str, kind: str) -> list[int]:
    """The ids of the pages (or documents) that rich text links to, as stored."""
    tags = re.findall(r"<a\b[^>]*>", html)
    return [int(re.search(r'\bid="(\d+)"', tag).group(1)) for tag in tags if f'linktype="{kind}"' in tag]


def _rewritten(source: Path, target: Path, content=None, manifest=None) -> Path:
    """A copy of an export with its content or manifest changed (checksums left as they were)."""
    with tarfile.open(source, "r:gz") as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}
    if content:
        members[archive.CONTENT] = content(members[archive.CONTENT].decode()).encode()
    if manifest:
        members[archive.MANIFEST] = json.dumps(manifest(json.loads(members[archive.MANIFEST]))).encode()
    with tarfile.open(target, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target
