"""«Theo dõi văn bản» in the admin: the province's directives with a report deadline,
and for each, every portal below against it; CSV and XLSX; and a panel on the admin's
home of the portals that are late."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from core.models import DirectivePage
from tenants.models import Tenant
from tenants.visibility import scope_for

from .exports import table_response
from .tracker import ON_TIME, OVERDUE, STATE_LABELS, overdue_for, progress, tracked_directives

COLUMNS = [
    _("Cổng"),
    _("Số quyết định giám sát"),
    _("Ngày quyết định"),
    _("Ngày đăng báo cáo"),
    _("Tình trạng"),
]


def _provinces(user) -> list[int]:
    scope = scope_for(user)
    provinces = Tenant.objects.filter(level=Tenant.Level.PROVINCE)
    return (
        list(provinces.values_list("pk", flat=True))
        if scope.everything
        else [pk for pk in provinces.values_list("pk", flat=True) if pk in scope.own]
    )


def index(request):
    provinces = _provinces(request.user)
    if not provinces:
        raise PermissionDenied
    directives = []
    for directive in tracked_directives(provinces):
        rows = progress(directive)
        directives.append(
            {
                "page": directive,
                "portals": len(rows),
                "reported": sum(1 for r in rows if r.report_date),
                "on_time": sum(1 for r in rows if r.state == ON_TIME),
                "overdue": sum(1 for r in rows if r.state == OVERDUE),
            }
        )
    context = {"directives": directives, "page_title": _("Theo dõi thực hiện văn bản")}
    return TemplateResponse(request, "core/admin/tracker_index.html", context)


def detail(request, page_id):
    directive = DirectivePage.objects.filter(pk=page_id).first()
    if directive is None or directive.portal is None:
        raise Http404
    if not scope_for(request.user).can_change(directive.portal.id):
        raise PermissionDenied
    rows = progress(directive)
    export = request.GET.get("dinh-dang")
    if export in ("csv", "xlsx"):
        return _export(directive, rows, export)
    context = {
        "directive": directive,
        "rows": rows,
        "columns": COLUMNS,
        "page_title": _("Theo dõi %(number)s") % {"number": directive.number_symbol},
    }
    return TemplateResponse(request, "core/admin/tracker_detail.html", context)


def _table(rows):
    for row in rows:
        yield [
            row.portal.name,
            row.decision_number,
            row.decision_date.strftime("%d/%m/%Y") if row.decision_date else "",
            row.report_date.strftime("%d/%m/%Y") if row.report_date else "",
            str(row.state_label),
        ]


def _export(directive, rows, kind):
    header = [str(column) for column in COLUMNS]
    return table_response(f"theo-doi-{directive.slug}", directive.number_symbol, header, _table(rows), kind)


class OverduePanel(Component):
    """On a district's (or commune's) admin home: directives it is late reporting on."""

    name = "overdue_directives"
    order = 60
    template_name = "core/admin/overdue_panel.html"

    def __init__(self, request, tenant_ids):
        self.request = request
        self.tenant_ids = tenant_ids

    def get_context_data(self, parent_context=None):
        return {"overdue": overdue_for(set(self.tenant_ids)), "labels": STATE_LABELS}
