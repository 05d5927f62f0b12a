"""«Tuân thủ» in the admin: the checklist of each portal the person works on (a province
sees all of its portals side by side, a district its own), each item with where to fix
it; and the score beside each portal on the network dashboard."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from tenants.visibility import portals_for

from .compliance import compliance


def index(request):
    portals = portals_for(request.user)
    rows = sorted(compliance(portals), key=lambda row: (row.score, row.tenant.name))
    return TemplateResponse(
        request,
        "core/admin/compliance_index.html",
        {"page_title": _("Tuân thủ quy định"), "rows": rows},
    )


def detail(request, slug):
    portal = next((t for t in portals_for(request.user) if t.slug == slug), None)
    if portal is None:
        raise Http404  # not one of this person's portals
    (row,) = compliance([portal])
    return TemplateResponse(
        request,
        "core/admin/compliance_detail.html",
        {"page_title": _("Tuân thủ quy định: %(portal)s") % {"portal": portal.name}, "row": row},
    )
