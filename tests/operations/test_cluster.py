"""Two app servers, two Celery workers and one beat on one PostgreSQL and one Redis
(tests/operations/cluster.py): counting stays exact, a change made through one
server is seen through the other, scheduled work runs once, a new portal is served
everywhere within a second."""

import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from .cluster import running_cluster

# One cluster (one database, portal_bench_cluster) for the module: its tests share a
# test process under pytest-xdist (tests/conftest.py: ONE_PROCESS_MODULES).
pytestmark = pytest.mark.slow
ARTICLE = "/tin-tuc/giam-sat-chi-thi-24-ct-tu/"
PHONE = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"
PASSWORD = "congdemo2026"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    with running_cluster(tmp_path_factory.mktemp("cluster")) as running:
        yield running


def read(cluster, server, host, path, reader="203.0.113.1"):
    return requests.get(
        cluster.url(server, path),
        headers={"Host": host, "User-Agent": PHONE, "X-Forwarded-For": reader},
        timeout=30,
        allow_redirects=False,
    )


def views_shown(response) -> int:
    assert response.status_code == 200, (response.status_code, response.headers, response.text[:300])
    return int(response.text.split("Lượt xem: ")[1].split("<")[0].replace(".", ""))


class Browser:
    """An editor's browser behind the TLS proxy production settings expect: it says
    X-Forwarded-Proto: https and keeps its (Secure) cookies itself."""

    def __init__(self, cluster, server: int, host: str):
        self.cluster, self.server, self.host, self.cookies = cluster, server, host, {}

    def request(self, method, path, data=None):
        headers = {
            "Host": self.host,
            "X-Forwarded-Proto": "https",
            "Origin": f"https://{self.host}",
            "Referer": f"https://{self.host}{path}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        response = requests.request(
            method, self.cluster.url(self.server, path), data=data, headers=headers, allow_redirects=False, timeout=60
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def post_form(self, path, data):
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.request("GET", path).text).group(1)
        return self.request("POST", path, {**data, "csrfmiddlewaretoken": token})

    def sign_in(self, username):
        response = self.post_form("/admin/login/", {"username": username, "password": PASSWORD, "next": "/admin/"})
        assert response.status_code == 302, f"{username} could not sign in ({response.status_code})"
        return self


def test_beat_and_workers_serve_both_servers(cluster):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        beats = [read(cluster, s, "dateh.localhost", "/healthz").json()["checks"]["celery_beat"] for s in (0, 1)]
        if all(beat.endswith("s ago") for beat in beats):
            break
        time.sleep(1)
    assert all(beat.endswith("s ago") for beat in beats), beats


def test_views_across_both_servers_are_exact_after_concurrent_flushes(cluster):
    before = views_shown(read(cluster, 0, "dateh.localhost", ARTICLE, "198.51.100.1"))
    readers = [f"203.0.113.{n}" for n in range(1, 61)]

    def one(n):
        response = read(cluster, n % 2, "dateh.localhost", ARTICLE, readers[n % len(readers)])
        assert response.status_code == 200

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(one, range(180)))  # 60 readers, each three times, on both servers
    shown = views_shown(read(cluster, 1, "dateh.localhost", ARTICLE, "198.51.100.2"))
    assert shown == before + 60 + 1
    cluster.run_tasks("analytics.tasks.flush_analytics", 4)  # four flushes at once
    cluster.run_tasks("analytics.tasks.flush_analytics", 2)
    stored = cluster.shell(
        "from analytics.models import PageViewTotal\nfrom core.models import SupervisionReportPage\n"
        "page = SupervisionReportPage.objects.get(url_path__startswith='/dateh/', slug='giam-sat-chi-thi-24-ct-tu')\n"
        "print(json.dumps(PageViewTotal.objects.get(page_id=page.pk).views))"
    )
    assert stored == shown
    assert views_shown(read(cluster, 0, "dateh.localhost", ARTICLE, "198.51.100.2")) == shown  # a reload


def test_an_unpublish_through_one_server_is_seen_through_the_other(cluster):
    page_id = cluster.shell(
        "from core.models import NewsArticlePage\n"
        "print(json.dumps(NewsArticlePage.objects.live().filter(url_path__startswith='/cattien/').first().pk))"
    )
    url = cluster.shell(
        f"from wagtail.models import Page\nprint(json.dumps(Page.objects.get(pk={page_id}).get_url_parts()[2]))"
    )
    for _ in range(2):
        read(cluster, 1, "cattien.localhost", url)
    assert read(cluster, 1, "cattien.localhost", url).headers["X-Cache"] == "HIT"
    moderator = Browser(cluster, 0, "cattien.localhost").sign_in("cattien.kiemduyet")
    response = moderator.post_form(f"/admin/pages/{page_id}/unpublish/", {})
    assert response.status_code == 302
    assert read(cluster, 1, "cattien.localhost", url).status_code == 404


def test_a_portal_created_through_one_server_is_served_by_the_other_within_a_second(cluster):
    assert "Bảo Lâm" not in read(cluster, 1, "baolam.localhost", "/").text
    province = cluster.shell(
        "from tenants.models import Tenant\nprint(json.dumps(Tenant.objects.get(slug='lamdong').pk))"
    )
    admin = Browser(cluster, 0, "lamdong.localhost").sign_in("tinh.quantri")
    data = {"name": "Bảo Lâm", "slug": "baolam", "hostname": "baolam.localhost", "parent": province, "level": "commune"}
    response = admin.post_form("/admin/cong-thong-tin/them/", data)
    assert response.status_code == 302, response.text[:500]
    created = time.monotonic()
    while "Bảo Lâm" not in read(cluster, 1, "baolam.localhost", "/").text:
        assert time.monotonic() - created < 1.0, "server B does not serve the new portal a second later"
        time.sleep(0.05)


def test_scheduled_publishing_and_reminders_run_once_however_often_they_are_sent(cluster):
    page_id, published_before = cluster.shell(
        "from datetime import timedelta\nfrom django.utils import timezone\nfrom core.models import NewsArticlePage\n"
        "page = NewsArticlePage.objects.live().filter(url_path__startswith='/dahuoai/').first()\n"
        "page.title = 'Tin hẹn giờ đã đến lúc đăng'\n"
        "page.save_revision(approved_go_live_at=timezone.now() - timedelta(seconds=1))\n"
        "from wagtail.models import PageLogEntry\n"
        "print(json.dumps([page.pk, PageLogEntry.objects.filter(page=page, action__startswith='wagtail.publish').count()]))"
    )
    ran = cluster.run_tasks("core.tasks.publish_scheduled", 6)
    assert True in ran
    published = cluster.shell(
        "from wagtail.models import PageLogEntry\n"
        f"print(json.dumps(PageLogEntry.objects.filter(page_id={page_id}, action__startswith='wagtail.publish').count()))"
    )
    assert published == published_before + 1  # once, whichever of the six runs did it
    path = cluster.shell(
        f"from wagtail.models import Page\nprint(json.dumps(Page.objects.get(pk={page_id}).get_url_parts()[2]))"
    )
    assert "Tin hẹn giờ đã đến lúc đăng" in read(cluster, 1, "dahuoai.localhost", path).text
    overdue, with_moderators = cluster.shell(
        "from datetime import date\nfrom core.models import DirectivePage\nfrom core.tracker import overdue_for\n"
        "from tenants.models import Tenant, TenantGroup\n"
        "DirectivePage.objects.filter(url_path__startswith='/lamdong/').update(report_deadline=date(2026, 1, 31))\n"
        "late = overdue_for(list(Tenant.objects.values_list('pk', flat=True)))\n"
        "mailed = set(TenantGroup.objects.filter(role='moderator', group__user__email__gt='')"
        ".values_list('tenant_id', flat=True))\n"
        "print(json.dumps([len(late), sum(row.portal.id in mailed for _d, row in late)]))"
    )
    assert overdue >= with_moderators > 0
    sent = cluster.run_tasks("core.tasks.send_directive_reminders", 6)
    assert sum(sent) == overdue
    mails = "".join(path.read_text() for path in (Path(cluster.env["EMAIL_FILE_PATH"])).glob("*.log"))
    assert mails.count("Subject: ") == with_moderators  # one mail per late portal, not six
    assert (
        cluster.shell("from core.models import DirectiveReminder\nprint(json.dumps(DirectiveReminder.objects.count()))")
        == overdue
    )
