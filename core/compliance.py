"""What the law asks of a government portal (Decree 42/2022/NĐ-CP on providing
information and online public services on agencies' websites and portals), as far as
the platform can check it: a checklist per portal, computed from the content itself
on every request (no hand-kept boxes), each item with the place to fix it.

The checks take a fixed number of queries however many portals there are (grouped by
the portal's tree-path prefix, as the network dashboard does). Search, the site map
(sitemap.xml) and RSS/Atom feeds are built into every portal and need no check.

The items about a feature of an app above core are that app's: it answers
`checklist_items` (citizens: no question left unanswered too long).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, Max
from django.db.models.functions import Substr
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from tenants.registry import registry
from tenants.scope_context import active_scope
from tenants.visibility import ROOT_PATH_LENGTH, portal_id_of_path
from themes.models import ThemeSettings

from .models import (
    DirectiveIndexPage,
    InformationItemPage,
    InformationSectionPage,
    NewsArticlePage,
    NewsIndexPage,
    OfficialContact,
    OrganisationPage,
    SectionKind,
    WorkWeekPage,
)

FRESH_DAYS = 14

ITEMS = {
    "news": _("Có mục Tin tức với bài đã đăng"),
    "documents": _("Có mục Văn bản chỉ đạo, điều hành"),
    "organisation": _("Có trang giới thiệu cơ cấu tổ chức, chức năng, nhiệm vụ"),
    "leaders": _("Có thông tin lãnh đạo: họ tên, chức vụ, điện thoại hoặc thư điện tử"),
    "contacts": _("Có địa chỉ, điện thoại hoặc thư điện tử liên hệ ở chân trang"),
    "responsible": _("Ghi rõ cơ quan chủ quản và người chịu trách nhiệm chính"),
    "english": _("Có trang giới thiệu bằng tiếng Anh"),
    "sections": _(
        "Các chuyên mục bắt buộc có nội dung: kế hoạch, thủ tục hành chính, dự án, ngân sách, "
        "phổ biến pháp luật, thông tin công khai, lịch công tác"
    ),
    "fresh": _("Cập nhật thông tin trong %(days)s ngày qua"),
}
DAYS = {"fresh": FRESH_DAYS}

# Sent with tenants each time checklists are made; a receiver (an app above core)
# returns a list of Item, added after core's own, in the order the apps are installed.
checklist_items = Signal()


@dataclass
class Item:
    """An item an app above core adds: its label (lazy; %(days)s is filled with days),
    the ids of the portals that do not pass it, and where to fix it."""

    key: str
    label: object
    failing: set
    fix_url: str
    days: int | None = None


@dataclass
class Check:
    key: str
    passed: bool
    fix_url: str
    text: object = ""
    days: int | None = None

    @property
    def label(self) -> str:
        """In the reader's language, formatted when shown (not when imported)."""
        label = str(self.text)
        return label % {"days": self.days} if self.days is not None else label


@dataclass
class PortalCompliance:
    tenant: object
    checks: list[Check] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(check.passed for check in self.checks)

    @property
    def score(self) -> int:
        """Share of items passed, in percent."""
        return round(self.passed * 100 / len(self.checks)) if self.checks else 0

    def check(self, key) -> Check:
        return next(check for check in self.checks if check.key == key)


def _live_kinds() -> dict[int, set]:
    """Per portal: which of the required kinds of page it has live (news articles
    counted only when published, not just their index). On PostgreSQL, one probe per
    portal home and kind of an index of live pages by portal and type (tenants
    migration 0011), instead of counting every live article of the province."""
    kinds = {NewsIndexPage: "news_index", NewsArticlePage: "news", DirectiveIndexPage: "documents"}
    types = ContentType.objects.get_for_models(*kinds)
    by_type = {types[model].pk: name for model, name in kinds.items()}
    rows = _live_kind_rows(by_type) if connection.vendor == "postgresql" else _live_kind_rows_grouped(by_type)
    found: dict[int, set] = {}
    for row in rows:
        tenant_id = portal_id_of_path(row["root"])
        if tenant_id is not None:
            found.setdefault(tenant_id, set()).add(by_type[row["content_type"]])
    return found


def _live_kind_rows(by_type) -> list[dict]:
    roots = sorted({path[:ROOT_PATH_LENGTH] for path in _roots_in_scope()})
    with connection.cursor() as cursor:
        cursor.execute(LIVE_KINDS_BY_ROOT, [roots, sorted(by_type)])
        return [{"root": root, "content_type": content_type} for root, content_type in cursor.fetchall()]


def _live_kind_rows_grouped(by_type):
    return (
        Page.objects.filter(live=True, content_type__in=list(by_type))
        .annotate(root=Substr("path", 1, ROOT_PATH_LENGTH))
        .values("root", "content_type")
        .annotate(n=Count("id"))
        .order_by()
    )


# One index probe per root and kind: `tenants_page_live_kind` is on exactly these. A
# LATERAL … LIMIT 1, not EXISTS: PostgreSQL turns an EXISTS into a join that reads every
# live page (50 ms at 100,000); the LIMIT keeps it to a probe each (3 ms).
LIVE_KINDS_BY_ROOT = f"""
SELECT roots.root, kinds.id FROM unnest(%s::text[]) AS roots(root) CROSS JOIN unnest(%s::int[]) AS kinds(id)
CROSS JOIN LATERAL (
    SELECT 1 FROM wagtailcore_page page
    WHERE SUBSTR(page.path::text, 1, {ROOT_PATH_LENGTH}) = roots.root AND page.content_type_id = kinds.id
        AND page.live
    LIMIT 1
) AS found
"""


SECTION_PATH = ROOT_PATH_LENGTH + 4  # a section sits right under its portal's home
CALENDAR = "calendar"


def _filled_sections() -> dict[int, set]:
    """Per portal: which required sections hold at least one live item (a week, for
    the work calendar). Grouped by the section's path: a row per section, not per item."""
    kinds = dict(InformationSectionPage.objects.live().values_list("path", "kind"))
    found: dict[int, set] = {}
    for model in (InformationItemPage, WorkWeekPage):
        rows = (
            model.objects.live()
            .annotate(section=Substr("path", 1, SECTION_PATH))
            .values_list("section", flat=True)
            .distinct()
            .order_by()
        )
        for section in rows:
            kind = CALENDAR if model is WorkWeekPage else kinds.get(section)
            tenant_id = portal_id_of_path(section[:ROOT_PATH_LENGTH])
            if kind and tenant_id is not None:
                found.setdefault(tenant_id, set()).add(kind)
    return found


REQUIRED_FILLED = {*SectionKind.values, CALENDAR}


def _organisation_pages() -> tuple[dict, dict, set]:
    """Per portal: its Vietnamese organisation page (as values), which of those have
    leaders listed, and which have a live English translation."""
    pages = {}
    for page in (
        OrganisationPage.objects.live()
        .filter(locale__language_code="vi")
        .values("pk", "path", "body", "translation_key")
    ):
        tenant_id = portal_id_of_path(page["path"])
        if tenant_id is not None and tenant_id not in pages:
            pages[tenant_id] = page
    with_leaders = set(
        OfficialContact.objects.filter(page_id__in=[p["pk"] for p in pages.values()])
        .exclude(name="")
        .exclude(position="")
        .exclude(phone="", email="")
        .values_list("page_id", flat=True)
    )
    english = set(
        OrganisationPage.objects.live()
        .filter(locale__language_code="en", translation_key__in=[p["translation_key"] for p in pages.values()])
        .values_list("translation_key", flat=True)
    )
    return pages, with_leaders, english


def latest_publish() -> dict:
    """Per portal: when a page of it was last published (of the portals in the request's
    scope). On PostgreSQL, one probe per portal home of an index of live pages by portal
    and publication time (tenants migration 0011): grouping every live page of the
    province grew with its articles, ~0.1 s at 100,000 (issue 17)."""
    if connection.vendor != "postgresql":
        return _latest_publish_grouped()
    roots = sorted({path[:ROOT_PATH_LENGTH] for path in _roots_in_scope()})
    with connection.cursor() as cursor:
        cursor.execute(LATEST_BY_ROOT, [roots])
        rows = cursor.fetchall()
    return _latest_by_portal({"root": root, "last": last} for root, last in rows)


# One index probe per root: `tenants_page_live_published` is on exactly this expression.
LATEST_BY_ROOT = f"""
SELECT roots.root, (
    SELECT page.last_published_at FROM wagtailcore_page page
    WHERE SUBSTR(page.path::text, 1, {ROOT_PATH_LENGTH}) = roots.root AND page.live AND page.depth >= 2
        AND page.last_published_at IS NOT NULL
    ORDER BY page.last_published_at DESC LIMIT 1
) FROM unnest(%s::text[]) AS roots(root)
"""


def _roots_in_scope():
    """The homes of the portals whose pages the request may read (all outside the admin):
    what the row scope would have kept of the grouped query."""
    scope = active_scope.get()
    if scope is None or scope.everything:
        return [path for record in registry.all() for path in record.root_paths]
    return [*scope.own_roots, *scope.shared_roots]


def _latest_publish_grouped() -> dict:
    rows = (
        Page.objects.filter(live=True, depth__gte=2)
        .annotate(root=Substr("path", 1, ROOT_PATH_LENGTH))
        .values("root")
        .annotate(last=Max("last_published_at"))
        .order_by()
    )
    return _latest_by_portal(rows)


def _latest_by_portal(rows) -> dict:
    latest = {}
    for row in rows:
        tenant_id = portal_id_of_path(row["root"])
        if tenant_id is not None and row["last"]:
            latest[tenant_id] = max(latest.get(tenant_id, row["last"]), row["last"])
    return latest


def _fix_urls(tenant, organisation) -> dict:
    home = tenant.site.root_page_id
    settings_url = reverse("wagtailsettings:edit", args=["themes", "themesettings", tenant.site_id])
    organisation_url = reverse("wagtailadmin_pages:edit", args=[organisation["pk"]]) if organisation else ""
    explorer = reverse("wagtailadmin_explore", args=[home])
    return {
        "news": explorer,
        "documents": explorer,
        "organisation": organisation_url or explorer,
        "leaders": organisation_url or explorer,
        "contacts": settings_url,
        "responsible": settings_url,
        "english": organisation_url or explorer,
        "sections": explorer,
        "fresh": explorer,
    }


NO_URLS = dict.fromkeys(ITEMS, "")


def compliance(tenants, latest: dict | None = None, *, fix_urls: bool = True) -> list[PortalCompliance]:
    """The checklist of each of these portals (Tenant instances with their site).
    `latest`: latest_publish() if the caller has it already (it reads every live page
    of the person's portals: the network panel does not ask it twice). `fix_urls=False`
    for callers that show only the score (the network panel): reversing four URLs per
    portal was a tenth of a provincial admin's dashboard (issue 17)."""
    kinds = _live_kinds()
    organisations, with_leaders, english = _organisation_pages()
    filled = _filled_sections()
    latest = latest_publish() if latest is None else latest
    settings_by_site = {
        s["site_id"]: s
        for s in ThemeSettings.objects.values(
            "site_id", "footer_address", "footer_phone", "footer_email", "licence_line", "responsible_person"
        )
    }
    added = [item for _receiver, items in checklist_items.send(sender=Check, tenants=tenants) for item in items]
    fresh_since = timezone.now() - timedelta(days=FRESH_DAYS)
    found = []
    for tenant in tenants:
        have = kinds.get(tenant.pk, set())
        organisation = organisations.get(tenant.pk)
        look = settings_by_site.get(tenant.site_id, {})
        passed = {
            "news": {"news_index", "news"} <= have,
            "documents": "documents" in have,
            "organisation": bool(organisation and organisation["body"].strip()),
            "leaders": bool(organisation and organisation["pk"] in with_leaders),
            "contacts": bool(look.get("footer_address") and (look.get("footer_phone") or look.get("footer_email"))),
            "responsible": bool(
                (look.get("licence_line") or "").strip() and (look.get("responsible_person") or "").strip()
            ),
            "english": bool(organisation and organisation["translation_key"] in english),
            "sections": filled.get(tenant.pk, set()) >= REQUIRED_FILLED,
            "fresh": tenant.pk in latest and latest[tenant.pk] >= fresh_since,
        }
        urls = _fix_urls(tenant, organisation) if fix_urls else NO_URLS
        checks = [Check(key, passed[key], urls[key], ITEMS[key], DAYS.get(key)) for key in ITEMS]
        checks += [Check(i.key, tenant.pk not in i.failing, i.fix_url, i.label, i.days) for i in added]
        found.append(PortalCompliance(tenant, checks))
    return found
