"""The portal's «Hỏi đáp» pages: published answers (searchable, accent-insensitive),
the question form, and the lookup of a question by its tracking code. Served as routes
of each portal's home page, in its look."""

from django.utils.translation import gettext as _

from analytics.visitors import client_address
from core.listing import paginate
from core.text import fold

from . import spam
from .forms import DraftCommentForm, QuestionForm
from .models import CitizenSettings, Question


def published(request, home) -> dict:
    questions = Question.objects.filter(tenant_id=request.tenant.id, status=Question.Status.PUBLISHED)
    raw = request.GET.get("q", "")[:200]
    for term in fold(raw).split():
        questions = questions.filter(search_folded__icontains=term)
    page, message = paginate(questions.order_by("-answered_at", "-pk"), request.GET.get("page"))
    return {
        "questions": page,
        "query": raw,
        "query_string": f"q={raw}" if raw else "",
        "messages_for_reader": [message] if message else [],
        "page_title": _("Hỏi đáp"),
    }


def ask(request, home) -> tuple[dict, int]:
    """(context, status): the form; after a good POST, the tracking code."""
    challenge = CitizenSettings.for_site(request.tenant.site).arithmetic_challenge
    address = client_address(request.META)
    if request.method != "POST":
        return {"form": QuestionForm(challenge=challenge), "page_title": _("Gửi câu hỏi")}, 200
    form = QuestionForm(request.POST, challenge=challenge)
    if spam.over_limit(request.tenant.id, address):
        form.add_error(None, _("Địa chỉ này đã gửi nhiều câu hỏi trong một giờ qua. Xin gửi lại sau."))
        return {"form": form, "page_title": _("Gửi câu hỏi")}, 429
    if not form.is_valid():
        return {"form": form, "page_title": _("Gửi câu hỏi")}, 400
    question = form.save(commit=False)
    question.tenant_id = request.tenant.id
    question.save()
    spam.count_sent(request.tenant.id, address)
    return {"sent": question, "page_title": _("Đã nhận câu hỏi")}, 200


def track(request, home) -> dict:
    code = request.GET.get("ma", "").strip().upper()[:12]
    found = Question.objects.filter(tenant_id=request.tenant.id, tracking_code=code).first() if code else None
    return {"code": code, "found": found, "page_title": _("Tra cứu câu hỏi")}


def comment_on_draft(request, draft) -> tuple[dict, int]:
    """(context, status): the comment form while the draft is open; after a good POST,
    a receipt. Closed drafts take nothing and say since when."""
    context = {"draft": draft, "page_title": _("Góp ý dự thảo: %(title)s") % {"title": draft.title}}
    if not draft.is_open:
        return context, 200 if request.method != "POST" else 400
    if request.method != "POST":
        return {**context, "form": DraftCommentForm()}, 200
    form = DraftCommentForm(request.POST)
    address = client_address(request.META)
    if spam.over_limit(request.tenant.id, address):
        form.add_error(None, _("Địa chỉ này đã gửi nhiều góp ý trong một giờ qua. Xin gửi lại sau."))
        return {**context, "form": form}, 429
    if not form.is_valid():
        return {**context, "form": form}, 400
    comment = form.save(commit=False)
    comment.tenant_id, comment.draft = request.tenant.id, draft
    comment.save()
    spam.count_sent(request.tenant.id, address)
    return {**context, "sent": comment}, 200
