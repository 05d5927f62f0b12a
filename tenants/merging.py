"""Merge portals (the 2025 reform): the content of one or more portals moves into
another, their addresses keep answering, and their visits carry over.

- Sections with the same address merge (the sources' articles go into the target's
  «Tin tức»); other sections move across whole. A page whose address is taken in the
  target gets the source's code appended, and a redirect from its old address.
- The sources' hostnames and aliases become aliases of the target: every old address
  answers 301 to the same path there, and on to the renamed page where there is one.
- Media, news categories, issuing bodies, citizens' questions, communes below, and
  the people (each keeps their role, now on the target) go across.
- Visit figures are added to the target's: its «Thống kê truy cập» total is the sum.

Everything happens in one transaction. A dry run performs the merge and rolls it
back, so the report it prints is exactly what the real run would do.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from .events import merge_starting, portal_merging, portal_pages_changed, portals_merged
from .models import Tenant, TenantAlias, TenantGroup
from .registry import registry

# What a merge does to the rows of tenants' own models that point at a portal. The apps
# above move their own rows (tenants.events.portal_merging) and say so in their own
# merging.HANDLED; a test fails on a model with a portal key that none of them lists.
HANDLED = {
    "tenants.Tenant": "the communes below move under the target",
    "tenants.TenantAlias": "moved, with the source's own hostname added",
    "tenants.TenantGroup": "members join the target's group of the same role; the groups go",
}


class MergeError(Exception):
    pass


class _RolledBack(Exception):
    pass


@dataclass
class SourceReport:
    name: str
    hostnames: list[str]
    moved: Counter = field(default_factory=Counter)  # section slug -> pages moved
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (old path, new path)
    dropped_sections: list[str] = field(default_factory=list)
    media: int = 0
    questions: int = 0
    people: int = 0
    visits: int = 0


@dataclass
class MergeReport:
    target: str
    dry_run: bool
    sources: list[SourceReport] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = []
        for source in self.sources:
            moved = ", ".join(f"{slug} {n}" for slug, n in sorted(source.moved.items())) or "0"
            lines.append(
                _("%(source)s → %(target)s: chuyển %(pages)s trang (%(moved)s), %(media)s ảnh và tài liệu, "
                  "%(questions)s câu hỏi, %(people)s người, %(visits)s lượt truy cập.")
                % {
                    "source": source.name,
                    "target": self.target,
                    "pages": sum(source.moved.values()),
                    "moved": moved,
                    "media": source.media,
                    "questions": source.questions,
                    "people": source.people,
                    "visits": f"{source.visits:,}".replace(",", "."),
                }
            )  # fmt: skip
            lines.append(
                _("Địa chỉ cũ %(hosts)s chuyển hướng (301) sang %(target)s.")
                % {"hosts": ", ".join(source.hostnames), "target": self.target}
            )
            for old, new in source.renamed:
                lines.append(_("Đổi đường dẫn (trùng ở cổng đích): %(old)s → %(new)s") % {"old": old, "new": new})
            if source.dropped_sections:
                lines.append(
                    _("Không chuyển (cổng đích đã có, địa chỉ cũ dẫn tới trang của cổng đích): %(pages)s")
                    % {"pages": ", ".join(source.dropped_sections)}
                )
        if self.dry_run:
            lines.append(_("Chạy thử: chưa thay đổi gì."))
        return lines


def merge(target_slug: str, source_slugs: list[str], dry_run: bool = False) -> MergeReport:
    target, sources = _validated(target_slug, source_slugs)
    if not dry_run:
        merge_starting.send(sender=Tenant, tenants=[target, *sources])
    report = MergeReport(target=target.name, dry_run=dry_run)
    try:
        with transaction.atomic():
            target = Tenant.objects.select_for_update().select_related("site", "collection").get(pk=target.pk)
            for source in sources:
                report.sources.append(_merge_one(source, target))
            registry.changed()
            ids = [target.pk, *(s.pk for s in sources)]
            transaction.on_commit(lambda: _after_commit(ids))
            if dry_run:
                raise _RolledBack
    except _RolledBack:
        registry.invalidate(announce=False)
    return report


# --- checks (no writes) ----------------------------------------------------------
def _validated(target_slug, source_slugs):
    found = {t.slug: t for t in Tenant.objects.select_related("site", "collection").filter(
        slug__in=[target_slug, *source_slugs])}  # fmt: skip
    missing = [slug for slug in [target_slug, *source_slugs] if slug not in found]
    if missing:
        raise MergeError(_("Không có cổng nào mang mã: %(slugs)s.") % {"slugs": ", ".join(missing)})
    if not source_slugs:
        raise MergeError(_("Hãy nêu ít nhất một cổng để sáp nhập vào %(target)s.") % {"target": target_slug})
    if target_slug in source_slugs or len(set(source_slugs)) != len(source_slugs):
        raise MergeError(_("Mỗi cổng chỉ được nêu một lần, và không sáp nhập một cổng vào chính nó."))
    target, sources = found[target_slug], [found[slug] for slug in source_slugs]
    if target.archived_at is not None or not target.is_active:
        raise MergeError(_("Cổng đích %(name)s đang lưu trữ hoặc ngừng hoạt động.") % {"name": target.name})
    province = _line(target)[-1]
    for source in sources:
        if source.level == Tenant.Level.PROVINCE:
            raise MergeError(_("Không sáp nhập được cổng cấp tỉnh %(name)s.") % {"name": source.name})
        if _line(source)[-1] != province:
            raise MergeError(
                _("%(source)s không cùng tỉnh với %(target)s; chỉ sáp nhập các cổng trong một tỉnh.")
                % {"source": source.name, "target": target.name}
            )
        if target.pk in _line(source)[1:] or source.pk in _line(target)[1:]:
            raise MergeError(
                _("%(source)s và %(target)s là cấp trên, cấp dưới của nhau; không sáp nhập được.")
                % {"source": source.name, "target": target.name}
            )
        _check_languages(source, target)
    return target, sources


def _line(tenant) -> list[int]:
    """The portal's id, its parent's, and so on up to its province (from the registry)."""
    return [record.id for record in registry.lineage(registry.by_id(tenant.pk))] or [tenant.pk]


def _homes(tenant) -> dict[str, Page]:
    """The portal's home page in each of its languages."""
    root = Page.objects.get(pk=tenant.site.root_page_id)
    return {page.locale.language_code: page for page in root.get_translations(inclusive=True).select_related("locale")}


def _check_languages(source, target):
    missing = sorted(set(_homes(source)) - set(_homes(target)))
    if missing:
        raise MergeError(
            _("%(source)s có trang bằng %(languages)s mà %(target)s chưa có; hãy dịch trang chủ của %(target)s "
              "sang ngôn ngữ đó trước, để không mất trang nào.")
            % {"source": source.name, "target": target.name, "languages": ", ".join(missing)}
        )  # fmt: skip


# --- the merge -------------------------------------------------------------------
def _merge_one(source: Tenant, target: Tenant) -> SourceReport:
    report = SourceReport(
        name=source.name,
        hostnames=[source.hostname, *TenantAlias.objects.filter(tenant=source).values_list("hostname", flat=True)],
    )
    target_homes = _homes(target)
    for language, source_home in _homes(source).items():
        _move_sections(source, source_home, target_homes[language], target, report)
    report.media = _move_media(source, target)
    for _receiver, figures in portal_merging.send(sender=Tenant, source=source, target=target):
        for name, count in (figures or {}).items():
            setattr(report, name, getattr(report, name) + count)
    Tenant.objects.filter(parent=source).update(parent=target)
    report.people = _move_people(source, target)
    for redirect in Redirect.objects.filter(site=source.site):
        if not Redirect.objects.filter(site=target.site, old_path=redirect.old_path).exists():
            Redirect.objects.filter(pk=redirect.pk).update(site=target.site)
    TenantAlias.objects.filter(tenant=source).update(tenant=target)
    site, collection, home = source.site, source.collection, Page.objects.get(pk=source.site.root_page_id)
    source.delete()
    TenantAlias.objects.create(tenant=target, hostname=source.hostname)
    for page in home.get_translations(inclusive=True):
        page.delete()
    site.delete()
    if not collection.get_children().exists() and not _has_media(collection):
        collection.delete()
    return report


def _below(page, home) -> str:
    """The page's address on its portal, e.g. /tin-tuc/bai-viet/."""
    return page.url_path[len(home.url_path) - 1 :]


def _move_sections(source, source_home, target_home, target, report):
    target_sections = {page.slug: page for page in target_home.get_children()}
    for section in source_home.get_children().specific():
        match = target_sections.get(section.slug)
        if match is None:
            report.moved[section.slug] += section.get_descendants(inclusive=True).count()
            section.move(target_home, pos="last-child")
            continue
        children = list(section.get_children().specific()) if match.content_type_id == section.content_type_id else []
        if not children:  # the target's own section answers at the same address
            report.dropped_sections.append(_below(section, source_home))
            continue
        taken = set(match.get_children().values_list("slug", flat=True))
        for page in children:
            old_path = _below(page, source_home)
            report.moved[section.slug] += page.get_descendants(inclusive=True).count()
            if page.slug in taken:
                _rename(page, _free_slug(page.slug, source.slug, taken))
            page.move(match, pos="last-child")
            taken.add(page.slug)
            new_path = _below(Page.objects.get(pk=page.pk), target_home)
            if new_path != old_path:
                report.renamed.append((old_path, new_path))
                Redirect.objects.update_or_create(
                    site=target.site, old_path=Redirect.normalise_path(old_path), defaults={"redirect_page_id": page.pk}
                )


def _rename(page, slug):
    """A new slug for the page and in its revisions, so a later publish keeps it."""
    Page.objects.filter(pk=page.pk).update(slug=slug)
    page.slug = slug
    for revision in page.revisions.all():
        revision.content["slug"] = slug
        revision.save(update_fields=["content"])


def _free_slug(slug: str, suffix: str, taken: set[str]) -> str:
    candidate, n = f"{slug}-{suffix}", 2
    while candidate in taken:
        candidate, n = f"{slug}-{suffix}-{n}", n + 1
    return candidate


def _move_media(source, target) -> int:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    collections = [source.collection, *source.collection.get_descendants()]
    count = 0
    for model in (get_image_model(), get_document_model()):
        count += model.objects.filter(collection__in=collections).update(collection=target.collection)
    return count


def _has_media(collection) -> bool:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    return any(
        model.objects.filter(collection=collection).exists() for model in (get_image_model(), get_document_model())
    )


def _move_people(source, target) -> int:
    """Each member keeps their role, now on the target; the source's groups go."""
    people = set()
    targets = {tg.role: tg.group for tg in TenantGroup.objects.filter(tenant=target).select_related("group")}
    for tenant_group in TenantGroup.objects.filter(tenant=source).select_related("group"):
        members = list(tenant_group.group.user_set.all())
        people.update(user.pk for user in members)
        if tenant_group.role in targets:
            targets[tenant_group.role].user_set.add(*members)
        tenant_group.group.delete()
    return len(people)


def _after_commit(tenant_ids):
    target_id, *source_ids = tenant_ids
    portals_merged.send(sender=Tenant, target_id=target_id, source_ids=source_ids)
    portal_pages_changed.send(sender=Tenant, tenant_ids=set(tenant_ids), purge=True)
