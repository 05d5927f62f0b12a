"""Statistics in the admin: each portal's own report, and the provincial dashboard."""

import csv
from datetime import UTC, date, datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from tenants.models import Tenant
from tenants.visibility import can_change, portals_for

from . import reports
from .periods import periods_of
from .recorder import recorder
from .usefulness import top_answered

PERIODS = {"7": 7, "30": 30, "90": 90}


def _today() -> date:
    return date.fromisoformat(periods_of(datetime.now(UTC)).day)


def _portal(request, slug) -> Tenant:
    tenant = Tenant.objects.filter(slug=slug).first()
    if tenant is None:
        raise Http404(_("Không có cổng này."))
    if not can_change(request.user, tenant):
        raise PermissionDenied(_("Bạn không quản lý cổng này."))
    return tenant


def index(request):
    portals = portals_for(request.user)
    if len(portals) == 1:
        return redirect("analytics_portal", slug=portals[0].slug)
    return render(request, "analytics/index.html", {"portals": portals, "page_title": _("Thống kê truy cập")})


def portal_report(request, slug):
    tenant = _portal(request, slug)
    days_back = PERIODS.get(request.GET.get("ngay", "30"), 30)
    end = _today()
    start = end - timedelta(days=days_back - 1)
    days = reports.daily(tenant.pk, start, end)
    if request.GET.get("dinh-dang") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="thong-ke-{tenant.slug}-{start}-{end}.csv"'
        writer = csv.writer(response)
        writer.writerow(["ngay", "luot_xem", "luot_truy_cap", "khach_duy_nhat"])
        for d in days:
            writer.writerow([d.day.isoformat(), d.views, d.visits, d.unique_visitors])
        return response
    try:
        _counted, live = recorder().record_and_read(tenant.pk, None, {}, False)
    except Exception:  # the report still shows SQL figures without Redis
        live = None
    return render(
        request,
        "analytics/portal_report.html",
        {
            "page_title": _("Thống kê truy cập: %(name)s") % {"name": tenant.name},
            "tenant": tenant,
            "days": days,
            "days_back": days_back,
            "periods": PERIODS,
            "chart": mark_safe(reports.chart_svg(days)),  # built from numbers and dates only
            "top": reports.top_pages([tenant.pk], start, end),
            "answered": top_answered([tenant.pk], start, end),
            "live": live,
            "total_views": sum(d.views for d in days),
            "total_visits": sum(d.visits for d in days),
        },
    )


def province_dashboard(request, slug):
    province = _portal(request, slug)
    if province.level != Tenant.Level.PROVINCE:
        raise Http404(_("Bảng điều khiển chỉ dành cho cổng cấp tỉnh."))
    visible = {t.pk for t in portals_for(request.user)}
    portals = [province, *(d for d in province.children.order_by("name") if d.pk in visible)]
    today = _today()
    rows = reports.portal_comparison(portals, today)
    everyone = [portal.pk for portal in portals]
    return render(
        request,
        "analytics/province_dashboard.html",
        {
            "page_title": _("Bảng điều khiển tỉnh: %(name)s") % {"name": province.name},
            "province": province,
            "rows": rows,
            # Totals are the sums of the rows, the province's own included.
            "week_total": sum(r["week"] or 0 for r in rows),
            "month_total": sum(r["month"] or 0 for r in rows),
            "top": reports.top_pages(everyone, today - timedelta(days=29), today),
            "tenants": {t.pk: t for t in portals},
        },
    )
