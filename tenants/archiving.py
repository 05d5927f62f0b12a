"""Archive a portal: it stays online at its addresses, read-only, with a «Trang lưu trữ»
banner, and leaves the dashboards' active list (a district dissolved in the 2025 reform
keeps its content and its links alive this way).

Read-only is the scope's doing (tenants.visibility): nobody but a platform operator
holds an archive as "own", so the admin's guard and row scope refuse every change to
its pages, media, snippets and settings, as for any other portal not one's own.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .models import Tenant, TenantGroup


class ArchiveError(Exception):
    pass


@dataclass
class ArchivePlan:
    portal: Tenant
    undo: bool
    live_pages: int = 0
    people: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        name = self.portal.name
        if self.undo:
            return [
                _("Cổng %(name)s mở lại: bỏ băng «Trang lưu trữ», trở lại bảng điều khiển.") % {"name": name},
                _("%(count)s người được sửa nội dung trở lại: %(people)s")
                % {"count": len(self.people), "people": ", ".join(self.people) or "—"},
            ]
        return [
            _("Cổng %(name)s thành trang lưu trữ: %(pages)s trang vẫn xem được ở địa chỉ cũ, có băng «Trang lưu trữ».")
            % {"name": name, "pages": self.live_pages},
            _("%(count)s người không sửa được nội dung nữa: %(people)s")
            % {"count": len(self.people), "people": ", ".join(self.people) or "—"},
            _("Cổng ra khỏi danh sách đang hoạt động của bảng điều khiển tỉnh."),
        ]


def plan(slug: str, undo: bool = False) -> ArchivePlan:
    portal = Tenant.objects.select_related("site").filter(slug=slug).first()
    if portal is None:
        raise ArchiveError(_("Không có cổng nào mang mã %(slug)s.") % {"slug": slug})
    if portal.level == Tenant.Level.PROVINCE:
        raise ArchiveError(_("Cổng cấp tỉnh không lưu trữ được; hãy lưu trữ từng cổng cấp dưới."))
    if undo and portal.archived_at is None:
        raise ArchiveError(_("Cổng %(name)s không phải trang lưu trữ.") % {"name": portal.name})
    if not undo and portal.archived_at is not None:
        raise ArchiveError(_("Cổng %(name)s đã là trang lưu trữ.") % {"name": portal.name})
    people = sorted(
        set(TenantGroup.objects.filter(tenant=portal).values_list("group__user__username", flat=True)) - {None}
    )
    live = Page.objects.descendant_of(portal.site.root_page, inclusive=True).live().count()
    return ArchivePlan(portal, undo, live, people)


def apply(found: ArchivePlan) -> None:
    """One transaction; saving the portal reloads the portal map everywhere and drops its
    cached pages, so the banner shows on the next request."""
    with transaction.atomic():
        portal = Tenant.objects.select_for_update().get(pk=found.portal.pk)
        portal.archived_at = None if found.undo else timezone.now()
        portal.save(update_fields=["archived_at", "updated_at"])
