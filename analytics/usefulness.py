"""«Thông tin này có hữu ích không?» under every page: a reader answers Có or Không,
the portal's statistics show each page's answers.

The question sits in pages the page cache shares between readers, so the form can
carry no per-reader CSRF token. The answer is therefore accepted only from a page of
the same portal (Origin, else Referer, must name this host), only for a live page of
this portal, once per reader, page and day (the analytics visitor id, which knows no
one), and at most ANSWERS_PER_HOUR times an hour from one address. Nothing about the
reader is stored.
"""

import logging
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from tenants.registry import registry
from tenants.visibility import pages_of

from .models import PageUsefulness
from .periods import periods_of
from .visitors import client_address, hashed_address

logger = logging.getLogger(__name__)
ANSWERS_PER_HOUR = 30
ANSWERS = {"co": "useful", "khong": "not_useful"}


def _same_portal(request) -> bool:
    """The answer comes from a page on this host (a forged cross-site post does not)."""
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    return bool(source) and urlsplit(source).netloc.lower() == request.get_host().lower()


def _reader(request, tenant_id: int) -> str:
    from .recorder import recorder

    try:
        return recorder().visitor_for(tenant_id, request.META)
    except redis.RedisError:
        # No daily salt to be had: the address alone, hashed with the secret key.
        return hashed_address(client_address(request.META))


def _first_answer_today(tenant_id: int, page_id: int, reader: str) -> bool:
    try:
        return cache.add(f"useful:{tenant_id}:{page_id}:{reader}", 1, timeout=24 * 3600)
    except Exception:  # the cache is down: count the answer rather than lose it
        logger.warning("Usefulness: cache unavailable, answer counted without the once-a-day check")
        return True


def _over_hourly_limit(tenant_id: int, request) -> bool:
    key = f"useful:hour:{tenant_id}:{hashed_address(client_address(request.META))}"
    try:
        if cache.add(key, 1, timeout=3600):
            return False
        return cache.incr(key) > ANSWERS_PER_HOUR
    except Exception:
        return False


def _count(tenant_id: int, page_id: int, field: str):
    day = date.fromisoformat(periods_of(datetime.now(UTC)).day)
    rows = PageUsefulness.objects.filter(tenant_id=tenant_id, page_id=page_id, day=day)
    if rows.update(**{field: F(field) + 1}):
        return
    try:
        with transaction.atomic():
            PageUsefulness.objects.create(tenant_id=tenant_id, page_id=page_id, day=day, **{field: 1})
    except IntegrityError:  # another reader's answer created the row first
        rows.update(**{field: F(field) + 1})


def _reply(request, page, message: str, status: int = 200):
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"message": message}, status=status)
    context = {"message": message, "back": page, "page_title": _("Góp ý về trang")}
    return render(request, "analytics/usefulness_thanks.html", context, status=status)


@csrf_exempt  # see the module's docstring: the form is in shared cached pages
@require_POST
def answer(request):
    if request.POST.get("ngon-ngu") in dict(settings.LANGUAGES):  # the page's language
        translation.activate(request.POST["ngon-ngu"])
    tenant = getattr(request, "tenant", None)
    if tenant is None or not _same_portal(request):
        return _reply(request, None, _("Chỉ nhận góp ý gửi từ trang của cổng này."), status=403)
    field = ANSWERS.get(request.POST.get("tra-loi", ""))
    page_id = request.POST.get("trang", "")
    page = None
    if page_id.isdigit():
        page = Page.objects.live().filter(pages_of(registry.by_id(tenant.id)), pk=int(page_id)).first()
    if field is None or page is None:
        return _reply(request, page, _("Không nhận được câu trả lời: hãy bấm «Có» hoặc «Không» ngay dưới trang."), 400)
    if _over_hourly_limit(tenant.id, request):
        return _reply(request, page, _("Bạn đã gửi quá nhiều câu trả lời trong một giờ; xin thử lại sau."), 429)
    if _first_answer_today(tenant.id, page.pk, _reader(request, tenant.id)):
        _count(tenant.id, page.pk, field)
    return _reply(request, page, _("Cảm ơn bạn đã cho biết. Ý kiến của bạn giúp cổng viết rõ hơn."))


def top_answered(tenant_ids, start: date, end: date, limit: int = 10) -> list[dict]:
    """The pages readers answered about most in the period, with how many found them useful."""
    rows = list(
        PageUsefulness.objects.filter(tenant_id__in=list(tenant_ids), day__gte=start, day__lte=end)
        .values("page_id")
        .annotate(useful=Sum("useful"), not_useful=Sum("not_useful"))
        .order_by((F("useful") + F("not_useful")).desc(), "page_id")[:limit]
    )
    pages = Page.objects.in_bulk([r["page_id"] for r in rows])
    for row in rows:
        answered = row["useful"] + row["not_useful"]
        row["page"] = pages.get(row["page_id"])
        row["title"] = row["page"].title if row["page"] else "—"
        row["share"] = round(100 * row["useful"] / answered) if answered else 0
    return rows
