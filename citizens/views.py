"""The citizens' pages, served as routes of core's routable pages, in the portal's look:
«Hỏi đáp» under each portal's home page (published answers, searchable and
accent-insensitive; the question form; the lookup of a question by its tracking code),
and under each draft open for comments the draft with the comments published and
«Gửi góp ý» (/gop-y/).

Wagtail's routable pages take their routes from the page class, so install() adds
these to core's HomePage and DraftDocumentPage from here (CitizensConfig.ready, before
any request is routed): core names none of them. They are served exactly as routes
declared in the class are: the page found by Wagtail's routing, its checks and hooks,
rendered by the page (page.render) with the context added below."""

from django.utils.translation import gettext as _
from wagtail.contrib.routable_page.models import path

from analytics.visitors import client_address
from core.listing import paginate
from core.models import DraftDocumentPage, HomePage
from core.text import fold

from . import spam
from .forms import DraftCommentForm, QuestionForm
from .models import CitizenSettings, Question


@path("hoi-dap/", name="questions")
def questions(home, request):
    found = Question.objects.filter(tenant_id=request.tenant.id, status=Question.Status.PUBLISHED)
    raw = request.GET.get("q", "")[:200]
    for term in fold(raw).split():
        found = found.filter(search_folded__icontains=term)
    page, message = paginate(found.order_by("-answered_at", "-pk"), request.GET.get("page"))
    context = {
        "questions": page,
        "query": raw,
        "query_string": f"q={raw}" if raw else "",
        "messages_for_reader": [message] if message else [],
        "page_title": _("Hỏi đáp"),
    }
    return home.render(request, context_overrides=context, template="citizens/questions.html")


@path("hoi-dap/gui/", name="ask")
def ask(home, request):
    """The form; after a good POST, the tracking code."""
    context, status = _ask(request)
    return _rendered(home, request, context, "citizens/ask.html", status)


def _ask(request) -> tuple[dict, int]:
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


@path("hoi-dap/tra-cuu/", name="track_question")
def track_question(home, request):
    code = request.GET.get("ma", "").strip().upper()[:12]
    found = Question.objects.filter(tenant_id=request.tenant.id, tracking_code=code).first() if code else None
    context = {"code": code, "found": found, "page_title": _("Tra cứu câu hỏi")}
    return home.render(request, context_overrides=context, template="citizens/track.html")


@path("")
def draft(page, request):
    """The draft itself, with the comments published."""
    published = page.comments.filter(status="published").order_by("created_at")
    return page.render(request, context_overrides={"published_comments": published})


@path("gop-y/", name="comment")
def comment(page, request):
    """The comment form while the draft is open; after a good POST, a receipt. Closed
    drafts take nothing and say since when."""
    context, status = _comment(request, page)
    return _rendered(page, request, context, "citizens/draft_comment.html", status)


def _comment(request, draft) -> tuple[dict, int]:
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


def _rendered(page, request, context, template, status):
    response = page.render(request, context_overrides=context, template=template)
    response.status_code = status
    return response


ROUTES = {HomePage: [questions, ask, track_question], DraftDocumentPage: [draft, comment]}


def install():
    for page_class, views in ROUTES.items():
        for view in views:
            setattr(page_class, view.__name__, view)
        if "_routablepage_urlresolver" in vars(page_class):  # routed before: build it again
            delattr(page_class, "_routablepage_urlresolver")
