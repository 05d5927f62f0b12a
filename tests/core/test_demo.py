import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import GroupPagePermission

from core.demo_content import DEMO_PASSWORD, fixture_article
from tenants.models import Tenant
from tenants.roles import Role

ROOT = Path(__file__).resolve().parents[2]


def test_demo_refuses_a_taken_port_and_says_so():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "core.demo", "--port", str(port)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert f"Port {port}" in result.stderr and "already in use" in result.stderr


@pytest.mark.django_db
def test_seed_demo_builds_the_province_and_is_idempotent(client):
    call_command("seed_demo", "--port", "8000")
    call_command("seed_demo", "--port", "8000")
    portals = {t.slug: t for t in Tenant.objects.all()}
    assert set(portals) == {"lamdong", "dateh", "cattien", "dahuoai"}
    assert {portals[s].parent.slug for s in ("dateh", "cattien", "dahuoai")} == {"lamdong"}
    assert portals["dateh"].site.root_url == "http://dateh.localhost:8000"

    users = get_user_model().objects.filter(is_superuser=False)
    assert users.count() == 7
    editor = users.get(username="dateh.bientap")
    assert editor.check_password(DEMO_PASSWORD)
    assert editor.groups.get().tenant_role.tenant.slug == "dateh"
    admin_group = portals["lamdong"].groups.get(role=Role.PROVINCIAL_ADMIN).group
    administered = set(GroupPagePermission.objects.filter(group=admin_group).values_list("page_id", flat=True))
    assert administered == {t.site.root_page_id for t in portals.values()}

    home = client.get("/", HTTP_HOST="dateh.localhost:8000").content.decode()
    assert fixture_article()["slogan"] in home
    assert "Đạ Tẻh" in home
    # Đạ Tẻh's counters start where its old portal's were.
    assert "002587620" in home or "002587621" in home
    report = client.get("/tin-tuc/giam-sat-chi-thi-24-ct-tu/", HTTP_HOST="dateh.localhost:8000").content.decode()
    assert "Lượt xem: 398" in report or "Lượt xem: 399" in report


def test_fixture_article_is_split_into_its_parts():
    article = fixture_article()
    assert article["title"].startswith("Giám sát Chỉ thị 24-CT/TU")
    assert not article["title"].endswith("In trang")
    assert article["published"] == "14/09/2023 11:02 SA"
    assert len(article["captions"]) == 2
    assert any("893-QĐ/HU" in paragraph for paragraph in article["body"])
    assert not any(paragraph.startswith("Lượt xem") for paragraph in article["body"])
    assert article["views"] == 398
    assert article["statistics"] == {"total": 2587620, "week": 3950, "month": 92699, "year": 576029}


@pytest.mark.django_db
def test_seed_demo_drops_the_pages_readers_were_served(django_capture_on_commit_callbacks):
    from tests.core.test_page_cache import wsgi_get

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--port", "8000")
    wsgi_get("dateh.localhost", "/tin-tuc/")
    assert wsgi_get("dateh.localhost", "/tin-tuc/")[1]["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--port", "8000", "--articles", "3")
    _status, headers, _body = wsgi_get("dateh.localhost", "/tin-tuc/")
    assert headers["X-Cache"] == "MISS"  # the bulk-added articles show at once


def test_the_demo_starts_a_dead_worker_again_and_gives_up_on_one_that_keeps_dying():
    from core.demo import RESTARTS_PER_MINUTE, Supervisor

    supervisor = Supervisor()
    supervisor.spawn("worker", [sys.executable, "-c", "raise SystemExit(3)"], env=None, restart=True)
    name, code = supervisor.wait_any()
    assert (name, code) == ("worker", 3)
    assert len(supervisor.restarts["worker"]) == RESTARTS_PER_MINUTE + 1  # restarted 5 times, then given up
    supervisor.stop_all()


@pytest.mark.django_db
def test_the_demo_portals_have_english_homes_and_organisation_pages_made_with_wagtail_localize(
    client, django_capture_on_commit_callbacks
):
    from wagtail_localize.models import Translation

    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        call_command("seed_demo", "--port", "8000")
    english = client.get("/en/", HTTP_HOST="dateh.localhost:8000")
    html = english.content.decode()
    assert english.status_code == 200 and '<html lang="en">' in html
    assert "The portal of Đạ Tẻh district" in html
    about = client.get("/en/gioi-thieu/", HTTP_HOST="cattien.localhost:8000").content.decode()
    assert "About us and contacts" in about and "Functions and duties" in about
    assert "Leads and directs all work in Cát Tiên" in about and "The Cát Tiên portal is run by the Office." in about
    # Leaders and units in English too (Decree 42, Art. 7): positions and unit names
    # translated, people's names and numbers as they are.
    assert "Secretary of the District Party Committee" in about and "Bí thư Huyện ủy" not in about
    assert "Inspection Commission" in about and "Đỗ Văn Nam" in about and "0263 3885 101" in about
    assert Translation.objects.filter(target_locale__language_code="en").count() == 8  # 4 portals x 2 pages
    call_command("seed_demo", "--port", "8000")  # running again adds no second translation
    assert Translation.objects.filter(target_locale__language_code="en").count() == 8
