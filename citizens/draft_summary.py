"""«Tổng hợp góp ý dự thảo» in the admin: each of the user's portals' drafts with how
many comments came, were published and rejected, and the summary as CSV or XLSX once
consultation has closed. The export holds the comments, never who sent them."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import table_response
from core.models import DraftDocumentPage
from tenants.visibility import scope_for, tenant_of_page

from .models import DraftComment


def index(request):
    scope = scope_for(request.user)
    drafts = (
        DraftDocumentPage.objects.filter(scope.own_pages())
        .annotate(
            received=Count("comments"),
            published=Count("comments", filter=Q(comments__status=DraftComment.Status.PUBLISHED)),
            rejected=Count("comments", filter=Q(comments__status=DraftComment.Status.REJECTED)),
        )
        .order_by("-closes_on", "title")
    )
    context = {"drafts": drafts, "today": timezone.localdate(), "page_title": _("Tổng hợp góp ý dự thảo")}
    return TemplateResponse(request, "citizens/draft_summary.html", context)


def export(request, page_id: int):
    draft = DraftDocumentPage.objects.filter(pk=page_id).first()
    portal = tenant_of_page(draft) if draft is not None else None
    if portal is None:
        raise Http404(_("Không có dự thảo này."))
    if not scope_for(request.user).can_change(portal.id):
        raise PermissionDenied
    if draft.is_open or draft.issued_on > timezone.localdate():
        return TemplateResponse(
            request,
            "citizens/draft_summary.html",
            {"refused": _("Dự thảo «%(title)s» còn đang lấy ý kiến; tổng hợp có sau ngày %(day)s.")
             % {"title": draft.title, "day": f"{draft.closes_on:%d/%m/%Y}"}, "page_title": _("Tổng hợp góp ý dự thảo")},
            status=400,
        )  # fmt: skip
    kind = request.GET.get("dinh-dang", "csv")
    if kind not in ("csv", "xlsx"):
        raise Http404(_("Chỉ có định dạng CSV hoặc XLSX."))
    comments = draft.comments.order_by("created_at")
    header = [_("Phần góp ý"), _("Nội dung góp ý"), _("Trạng thái"), _("Ngày gửi")]
    rows = (
        [c.part, c.comment, str(c.get_status_display()), timezone.localtime(c.created_at).strftime("%d/%m/%Y")]
        for c in comments
    )
    return table_response(f"tong-hop-gop-y-{draft.slug}", draft.title, header, rows, kind)
