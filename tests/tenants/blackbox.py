"""A black-box audit of tenant isolation, done the way an attacker would: over HTTP,
through the real WSGI application (page-cache fast path and every middleware), signed
in through the login form.

As one role of one portal it spiders every admin link it can reach, then replays what
it found with another portal's ids: in path segments, in every query parameter that
carries an id, in every form field and in the StreamField blocks of the edit forms. It
runs every bulk action with foreign ids (GET and POST), reads the admin API and asks for
the other portal's files. Every response is searched for the other portal's canaries.

It knows only what an attacker with Wagtail's source would know: URL shapes, form and
block field names. Which ids to try comes from the planted objects.
"""

import html
import re
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit

import requests
from bs4 import BeautifulSoup
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.urls import Resolver404, resolve

SPIDER_PREFIXES = ("/admin/", "/documents/")
NEVER_FOLLOW = ("/admin/logout/", "/admin/password_reset/")
PER_ROUTE_VISITS = 2  # own objects of one kind behave alike: a couple of each are enough
MAX_VISITS = 600
# Listing parameters that page, sort or export what the URL without them shows.
LISTING_PARAMETERS = {"p", "ordering", "order", "sort", "export", "q", "layout"}
LINK = re.compile(r"""(?:href|action|src|data-[\w-]+)=["'](/(?:admin|documents|media)/[^"'<>\s]*)""")
JSON_LINK = re.compile(r'"(/(?:admin|documents)/[^"\\<>\s]*)"')
ID_PARAM = re.compile(
    r"^(id|pk|.*_id|.*_pk|page|parent|owner|user|collection|site|locale|workflow|task|image|document|"
    r"article|directive|target|issuer|decision_issuer|category|categories|logo|banner_image|emc_image|"
    r"new_parent_page|content_type|group|groups|restriction_id|.*-article|.*-directive|.*-target|"
    r".*-document|.*-image|.*-page)$"
)

# Which planted kind a URL argument or parameter names.
KIND_BY_NAME = {
    "page_id": "page",
    "parent_page_id": "page",
    "page_to_move_id": "page",
    "destination_id": "page",
    "page_pk": "page",
    "child_of": "page",
    "descendant_of": "page",
    "parent": "page",
    "new_parent_page": "page",
    "image_id": "image",
    "document_id": "document",
    "doc_id": "document",
    "revision_id": "revision",
    "revision_id_a": "revision",
    "revision_id_b": "revision",
    "redirect_id": "redirect",
    "collection_id": "collection",
    "collection": "collection",
    "site_id": "site",
    "site": "site",
    "owner": "user",
    "user": "user",
    "user_id": "user",
    "task_state_id": "task_state",
    "workflow_state_id": "workflow_state",
    "task_id": "task",
    "workflow_pk": "workflow",
    "translation_id": "translation",
    "translation_source_id": "translation_source",
    "logo": "image",
    "banner_image": "image",
    "emc_image": "image",
    "featured_image": "image",
    "image": "image",
    "document": "document",
    "issuer": "snippet",
    "decision_issuer": "snippet",
    "categories": "snippet",
    "category": "snippet",
    "group": "group",
    "groups": "group",
}
# For a generic `pk` or `id`, the kind follows from the URL.
KIND_BY_PATH = [
    ("/admin/snippets/", "snippet"),
    ("/admin/images/", "image"),
    ("/admin/documents/", "document"),
    ("/admin/api/main/pages/", "page"),
    ("/admin/api/main/images/", "image"),
    ("/admin/api/main/documents/", "document"),
    ("/admin/bulk/wagtailcore/page/", "page"),
    ("/admin/bulk/wagtailimages/", "image"),
    ("/admin/bulk/wagtaildocs/", "document"),
    ("/admin/bulk/core/", "snippet"),
    ("/admin/bulk/auth/", "user"),
    ("/admin/choose-page/", "page"),
    ("/admin/workflows/tasks/", "task"),
    ("/admin/workflows/", "workflow"),
    ("/admin/users/", "user"),
    ("/admin/groups/", "group"),
    ("/admin/sites/", "site"),
    ("/admin/collections/", "collection"),
    ("/admin/settings/", "site"),
    ("/admin/redirects/", "redirect"),
    ("/admin/pages/", "page"),
    ("/admin/localize/", "translation"),
]


@dataclass
class Foreign:
    """Another portal's objects, by kind, and the strings that betray them."""

    ids: dict[str, list]
    canaries: tuple[str, ...]
    files: list[str] = field(default_factory=list)  # /documents/… and /media/… paths
    host: str = ""  # that portal's own hostname

    def kind_ids(self, kind: str | None, at_most: int = 99) -> list:
        if kind is None:
            return sorted({i for values in self.ids.values() for i in values})[: min(at_most, 6)]
        return self.ids.get(kind, [])[:at_most]


@dataclass
class Findings:
    requests: int = 0
    canary: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    by_kind: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        return f"{self.requests} requests, {len(self.canary)} canary responses, {len(self.errors)} 5xx"


# --- a real server --------------------------------------------------------------------------
class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serving(application):
    """The WSGI application on a loopback port, in threads of this process (so it
    shares the test database), for the length of the block."""
    server = ThreadedWSGIServer(("127.0.0.1", 0), _QuietHandler, allow_reuse_address=False)
    server.set_app(application)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# --- a browser that signs in through the login form -----------------------------------------
class Browser:
    def __init__(self, base_url: str, host: str, findings: Findings, foreign: Foreign):
        self.base_url = base_url
        self.host = host
        self.findings = findings
        self.foreign = foreign
        self.session = requests.Session()

    def sign_in(self, username: str, password: str):
        page = self.session.get(self.base_url + "/admin/login/", headers={"Host": self.host})
        token = _csrf_from(page.text)
        response = self.session.post(
            self.base_url + "/admin/login/",
            data={"username": username, "password": password, "csrfmiddlewaretoken": token, "next": "/admin/"},
            headers={"Host": self.host, "Referer": f"http://{self.host}/admin/login/"},
            allow_redirects=False,
        )
        assert response.status_code == 302, f"{username} could not sign in ({response.status_code})"

    def request(self, method: str, path: str, data=None, kind: str = "", anonymous=False, host=None):
        session = requests.Session() if anonymous else self.session
        headers = {"Host": host or self.host}
        if method == "POST":
            token = self.session.cookies.get("csrftoken", "")
            data = list(data or [])
            if not any(name == "csrfmiddlewaretoken" for name, _ in data):
                data.append(("csrfmiddlewaretoken", token))
            headers["X-CSRFToken"] = token
            headers["Referer"] = f"http://{self.host}{path}"
        try:
            response = session.request(
                method, self.base_url + path, data=data, headers=headers, allow_redirects=False, timeout=60
            )
        except requests.RequestException as exc:
            self.findings.errors.append(f"{method} {path}: {exc.__class__.__name__}")
            return None
        self.findings.requests += 1
        self.findings.by_kind[kind or "spider"] += 1
        body = response.content
        if response.status_code >= 500:
            self.findings.errors.append(f"{method} {path} [{kind}] {response.status_code}")
        lowered = body.lower()
        for canary in self.foreign.canaries:
            if canary.lower().encode() in lowered:
                self.findings.canary.append(f"{method} {path} [{kind}] {response.status_code}")
                break
        return response


def _csrf_from(text: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
    return match.group(1) if match else ""


# --- spidering ------------------------------------------------------------------------------
def links_in(text: str) -> set[str]:
    found = set()
    for match in LINK.finditer(text):
        found.add(html.unescape(match.group(1)))
    for match in JSON_LINK.finditer(text):
        found.add(html.unescape(match.group(1).replace("\\/", "/")))
    return {link.split("#")[0] for link in found if not link.startswith(NEVER_FOLLOW)}


def route_of(path: str):
    try:
        match = resolve(path)
    except Resolver404:
        return None, {}
    return match.route, match.kwargs


def route_key(url: str) -> tuple:
    parts = urlsplit(url)
    route, _ = route_of(parts.path)
    names = {k for k, _ in parse_qsl(parts.query)} - LISTING_PARAMETERS
    return route or parts.path, tuple(sorted(names))


@dataclass
class FormSeen:
    action: str
    fields: list  # (name, value) pairs as a browser would send them
    choices: dict  # name -> option values of a select


def forms_in(text: str, page_url: str) -> list[FormSeen]:
    soup = BeautifulSoup(text, "html.parser")
    forms = []
    for form in soup.find_all("form"):
        if (form.get("method") or "get").lower() != "post":
            continue
        action = html.unescape(form.get("action") or "") or page_url
        if not action.startswith("/"):
            action = page_url
        if action.startswith(NEVER_FOLLOW):
            continue
        fields, choices = [], {}
        for element in form.find_all(["input", "select", "textarea"]):
            name = element.get("name")
            if name and element.get("type") not in ("submit", "button", "file", "image"):
                fields += _sent_values(element, name, choices)
        forms.append(FormSeen(action, fields, choices))
    return forms


def _sent_values(element, name, choices) -> list[tuple[str, str]]:
    """What a browser sends for one form control, as it stands."""
    if element.name == "select":
        options = [o.get("value", o.text) for o in element.find_all("option")]
        choices[name] = options
        selected = [o.get("value", o.text) for o in element.find_all("option") if o.has_attr("selected")]
        return [(name, value) for value in selected[:1] or options[:1]]
    if element.get("type") in ("checkbox", "radio"):
        return [(name, element.get("value", "on"))] if element.has_attr("checked") else []
    if element.name == "textarea":
        return [(name, element.text)]
    return [(name, element.get("value", ""))]


class Spider:
    def __init__(self, browser: Browser):
        self.browser = browser
        self.visited: dict[str, str] = {}  # url -> body
        self.forms: dict[tuple, FormSeen] = {}
        self.per_route = Counter()

    def crawl(self, start="/admin/"):
        queue, seen = [start], {start}
        while queue and len(self.visited) < MAX_VISITS:
            url = queue.pop(0)
            key = route_key(url)
            if self.per_route[key] >= PER_ROUTE_VISITS:
                continue
            self.per_route[key] += 1
            response = self.browser.request("GET", url, kind="spider")
            if response is None or (
                "html" not in response.headers.get("Content-Type", "")
                and "json" not in (response.headers.get("Content-Type", ""))
            ):
                continue
            text = response.text
            self.visited[url] = text
            for form in forms_in(text, url):
                self.forms.setdefault((route_key(form.action), tuple(n for n, _ in form.fields)), form)
            for link in sorted(links_in(text)):
                if link.startswith(SPIDER_PREFIXES) and link not in seen:
                    seen.add(link)
                    queue.append(link)


# --- substituting another portal's ids -----------------------------------------------------
def kind_for(name: str, path: str) -> str | None:
    base = name.rsplit("-", 1)[-1]
    if name in KIND_BY_NAME:
        return KIND_BY_NAME[name]
    if base in KIND_BY_NAME:
        return KIND_BY_NAME[base]
    for prefix, kind in KIND_BY_PATH:
        if path.startswith(prefix):
            return kind
    return None


def path_variants(url: str, foreign: Foreign):
    """The URL with each id in its path replaced by the other portal's ids of that kind."""
    parts = urlsplit(url)
    route, kwargs = route_of(parts.path)
    if route is None:
        return
    for name, value in kwargs.items():
        if not str(value).isdigit():
            continue
        for foreign_id in foreign.kind_ids(kind_for(name, parts.path)):
            segments = parts.path.split("/")
            replaced = [str(foreign_id) if s == str(value) else s for s in segments]
            yield (route, name), "/".join(replaced) + (f"?{parts.query}" if parts.query else "")


def query_variants(url: str, foreign: Foreign):
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    route, _ = route_of(parts.path)
    for index, (name, value) in enumerate(pairs):
        if not (ID_PARAM.match(name) or value.isdigit()) or name in ("p", "page_size"):
            continue
        for foreign_id in foreign.kind_ids(kind_for(name, parts.path)):
            new_pairs = [*pairs[:index], (name, str(foreign_id)), *pairs[index + 1 :]]
            yield (route, name), f"{parts.path}?{urlencode(new_pairs)}"


def form_variants(form: FormSeen, foreign: Foreign):
    """The form with each id-carrying field set to the other portal's ids."""
    path = urlsplit(form.action).path
    for index, (name, value) in enumerate(form.fields):
        if name == "csrfmiddlewaretoken":
            continue
        looks_like_id = ID_PARAM.match(name) or (value.isdigit() and name not in ("p",)) or name in form.choices
        if not looks_like_id:
            continue
        kind = kind_for(name, path)
        if kind is None and not value.isdigit():
            continue
        for foreign_id in foreign.kind_ids(kind, at_most=2):  # a field that takes one takes any
            fields = [*form.fields[:index], (name, str(foreign_id)), *form.fields[index + 1 :]]
            yield (route_key(form.action), name), fields


# --- the whole audit for one role -------------------------------------------------------
def audit(browser: Browser, foreign: Foreign, *, stream_posts, bulk_actions, api_paths) -> Findings:
    spider = Spider(browser)
    spider.crawl()
    tried: Counter = Counter()
    per_group = max(len(v) for v in foreign.ids.values()) + 1

    def once(group) -> bool:
        tried[group] += 1
        return tried[group] <= per_group

    _replay_urls(browser, spider, foreign, once)
    _replay_forms(browser, spider, foreign, once)
    # StreamField chooser blocks, in each edit form of one's own pages.
    for path, fields in stream_posts(spider.forms):
        browser.request("POST", path, data=fields, kind="streamfield")
    # Bulk actions with foreign ids, confirm page and POST.
    for path in bulk_actions(foreign):
        browser.request("GET", path, kind="bulk action")
        browser.request("POST", path, data=[], kind="bulk action POST")
    for path in api_paths(foreign):
        browser.request("GET", path, kind="admin api")
    # Files: the other portal's documents and originals, on this portal's host.
    for path in foreign.files:
        browser.request("GET", path, kind="file")
        browser.request("GET", path, kind="file (anonymous)", anonymous=True)
    browser.findings.by_kind["pages spidered"] = len(spider.visited)
    browser.findings.by_kind["forms found"] = len(spider.forms)
    return browser.findings


def _replay_urls(browser, spider, foreign, once):
    """Ids in path segments and query strings, by GET and by POST."""
    for url in list(spider.visited):
        for group, variant in [*path_variants(url, foreign), *query_variants(url, foreign)]:
            if once(("url", group)):
                browser.request("GET", variant, kind="path/query id")
                browser.request("POST", variant, data=[], kind="path/query id POST")


def _replay_forms(browser, spider, foreign, once):
    """Every form, with each id-carrying field (and its action's path) set to foreign ids."""
    for form in spider.forms.values():
        for group, fields in form_variants(form, foreign):
            if once(("form", group)):
                browser.request("POST", form.action, data=fields, kind="form field")
        for group, variant in path_variants(form.action, foreign):
            if once(("form-action", group)):
                browser.request("POST", variant, data=form.fields, kind="form action")
