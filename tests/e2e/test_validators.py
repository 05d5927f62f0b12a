"""Third-party validators on every public page type (issue 18): the Nu HTML checker,
pa11y (HTML_CodeSniffer, WCAG 2 AA) and Lighthouse, pinned in tools/validators and
installed by `make test` (npm), run against the demo on a live server with Debian's
chromium. Each run writes what they found to var/validators.json."""

import http.client
import json
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from django.conf import settings
from django.core.management import call_command

from tests.operations.nginx_front import nginx_front
from tests.tenants.blackbox import serving

from .conftest import CHROMIUM

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TOOLS = Path(settings.BASE_DIR) / "tools" / "validators"
VNU = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
REPORT = Path(settings.BASE_DIR) / "var" / "validators.json"

# One page of every type a reader reaches on a district portal.
PAGES = [
    "/",
    "/tin-tuc/",
    "/tin-tuc/giam-sat-chi-thi-24-ct-tu/",
    "/van-ban/",
    "/van-ban/?so=24",
    "/tim-kiem/?q=dan+van",
    "/gioi-thieu/",
    "/hoi-dap/",
    "/hoi-dap/gui/",
    "/thu-tuc-hanh-chinh/",
    "/thu-tuc-hanh-chinh/dang-ky-khai-sinh/",
    "/lay-y-kien-du-thao/du-thao-quy-che-tiep-cong-dan/",
    "/lich-cong-tac/",
    "/thu-vien-anh-video/",
    "/thu-vien-anh-video/phong-canh-que-huong/",
    "/so-do-trang/",
]
# Lighthouse takes 10-20 s a page: the three pages most readers land on.
LIGHTHOUSE_PAGES = ["/", "/tin-tuc/giam-sat-chi-thi-24-ct-tu/", "/van-ban/"]
# Performance depends on this machine's load; its score is recorded, not judged.
JUDGED = ("accessibility", "best-practices", "seo")


def _installed(path: Path) -> Path:
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make validators` (make test does it).")
    return path


def _record(name, value):
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    report = json.loads(REPORT.read_text()) if REPORT.exists() else {}
    report[name] = value
    REPORT.write_text(json.dumps(report, ensure_ascii=False, indent=2))


def _html(url: str) -> bytes:
    # Java and Python cannot resolve *.test: ask the server by address, naming the host.
    parts = urlsplit(url)
    connection = http.client.HTTPConnection("127.0.0.1", parts.port, timeout=30)
    connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers={"Host": parts.netloc})
    response = connection.getresponse()
    assert response.status == 200, url
    return response.read()


def test_every_page_type_has_no_nu_checker_error(live_portals, tmp_path):
    files = []
    for number, path in enumerate(PAGES):
        file = tmp_path / f"page{number}.html"
        file.write_bytes(_html(live_portals("dateh.test", path)))
        files.append(file)
    planted = tmp_path / "planted.html"  # proves the checker reads the files: it must fail this one
    planted.write_text('<!doctype html><html lang="vi"><title>x</title><p><div></p>')
    result = subprocess.run(
        ["java", "-jar", str(_installed(VNU)), "--format", "json", "--stdout", str(planted), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stdout)["messages"]
    flagged = [m for m in messages if m.get("type") == "error"]
    assert any(Path(urlsplit(m["url"]).path) == planted for m in flagged), messages
    errors = [
        f"{PAGES[files.index(Path(urlsplit(m['url']).path))]}: {m['message']}"
        for m in flagged
        if Path(urlsplit(m["url"]).path) != planted
    ]
    _record("nu", {"pages": PAGES, "errors": errors, "warnings": sum(m.get("type") == "info" for m in messages)})
    assert not errors, "\n".join(errors)


def test_every_page_type_has_no_pa11y_error(live_portals, tmp_path):
    urls = [live_portals("dateh.test", path) for path in PAGES]
    planted = tmp_path / "planted.html"  # an image with no text alternative: must be reported
    planted.write_text('<!doctype html><html lang="vi"><title>x</title><main><img src="a.png"></main></html>')
    result = subprocess.run(
        ["node", str(_installed(TOOLS / "pa11y.mjs")), planted.as_uri(), *urls],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=TOOLS,
        env={"PATH": "/usr/bin:/bin", "CHROMIUM_PATH": CHROMIUM, "HOME": str(TOOLS)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found.pop(planted.as_uri()), "pa11y reported nothing on a page built to fail"
    errors = [f"{urlsplit(url).path}: {i['code']} {i['message']}" for url, issues in found.items() for i in issues]
    _record("pa11y", {"pages": PAGES, "errors": errors})
    assert not errors, "\n".join(errors)


@pytest.fixture
def portals_in_production_dress(tmp_path, settings, demo_province_committed):
    """The demo portals as production serves them: nginx from deploy/nginx/ in front,
    terminating TLS and serving the collected static files; Django redirecting plain
    HTTP to HTTPS and sending HSTS, as core.settings.production does."""
    from django.core.handlers.wsgi import WSGIHandler

    from core.page_cache.fast_path import PageCacheApp
    from operations.wsgi import OperationsApp
    from tenants.hosts import RegisteredHosts

    settings.ALLOWED_HOSTS = RegisteredHosts()
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("collectstatic", "--noinput", verbosity=0)
    # Built here, after the settings above: middleware reads them when it is made.
    application = OperationsApp(PageCacheApp(WSGIHandler()))
    with (
        serving(application) as upstream,
        nginx_front(tmp_path, upstream, settings.STATIC_ROOT, settings.MEDIA_ROOT) as front,
    ):
        yield front


def test_lighthouse_scores_the_main_pages_95_or_more(portals_in_production_dress):
    """Accessibility, best practices and SEO at least 95, judged over the real front
    door (nginx, TLS, collected static files), as an evaluator's Lighthouse or PageSpeed
    run sees the portal. Performance is recorded (it measures this machine's load as much
    as ours). A reader who types the plain address is sent to HTTPS, and told to stay."""
    front = portals_in_production_dress
    for path in LIGHTHOUSE_PAGES:
        plain = requests.get(front["http"] + path, headers={"Host": "dateh.test"}, allow_redirects=False, timeout=30)
        assert plain.status_code == 301 and plain.headers["Location"] == f"https://dateh.test{path}", path
        secure = requests.get(front["https"] + path, headers={"Host": "dateh.test"}, verify=False, timeout=30)
        assert secure.status_code == 200 and "max-age=31536000" in secure.headers["Strict-Transport-Security"]
    # A browser asks dateh.test on ports 80 and 443; both are nginx's loopback ports, and
    # this run's throwaway certificate is the one Chromium trusts (by its public key).
    resolve = f"MAP *.test:80 127.0.0.1:{front['port']}, MAP *.test:443 127.0.0.1:{front['https_port']}"
    scores = {}
    for path in LIGHTHOUSE_PAGES:
        result = subprocess.run(
            [
                str(_installed(LIGHTHOUSE)),
                f"https://dateh.test{path}",
                "--output=json",
                "--output-path=stdout",
                "--quiet",
                f"--chrome-path={CHROMIUM}",
                f'--chrome-flags=--headless=new --no-sandbox --host-resolver-rules="{resolve}"'
                f" --ignore-certificate-errors-spki-list={front['spki']}"
                " --disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,HttpsFirstModeV2ForTypicallySecureUsers",
                "--only-categories=performance,accessibility,best-practices,seo",
            ],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=TOOLS,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        report = json.loads(result.stdout)
        assert report["finalDisplayedUrl"] == f"https://dateh.test{path}", report["finalDisplayedUrl"]
        scores[path] = {name: round(category["score"] * 100) for name, category in report["categories"].items()}
        scores[path]["failed"] = sorted(
            ref["id"]
            for name in JUDGED
            for ref in report["categories"][name]["auditRefs"]
            if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1
        )
        scores[path]["console"] = [
            item.get("description", "")[:200]
            for item in report["audits"]["errors-in-console"].get("details", {}).get("items", [])
        ]
    _record("lighthouse", scores)
    low = [f"{path} {name} {s[name]}" for path, s in scores.items() for name in JUDGED if s[name] < 95]
    assert not low, f"{low}; all scores: {scores}"
