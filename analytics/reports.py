"""Figures for the admin: a portal's days, its most-read pages, and the province's
districts side by side. Everything here reads SQL (what the flush has written)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import F, Sum, Window
from django.db.models.functions import RowNumber
from wagtail.models import Page

from .models import PageDayViews, PortalDayStats


@dataclass
class Day:
    day: date
    views: int
    visits: int
    unique_visitors: int


def daily(tenant_id: int, start: date, end: date) -> list[Day]:
    rows = {r.day: r for r in PortalDayStats.objects.filter(tenant_id=tenant_id, day__gte=start, day__lte=end)}
    days, current = [], start
    while current <= end:
        row = rows.get(current)
        days.append(
            Day(current, row.page_views if row else 0, row.visits if row else 0, row.unique_visitors if row else 0)
        )
        current += timedelta(days=1)
    return days


def top_pages(tenant_ids, start: date, end: date, limit: int = 10) -> list[dict]:
    rows = (
        PageDayViews.objects.filter(tenant_id__in=list(tenant_ids), day__gte=start, day__lte=end)
        .values("tenant_id", "page_id")
        .annotate(views=Sum("views"))
        .order_by("-views", "page_id")[:limit]
    )
    rows = list(rows)
    pages = Page.objects.in_bulk([r["page_id"] for r in rows])
    return [
        {**r, "page": pages.get(r["page_id"]), "title": pages[r["page_id"]].title if r["page_id"] in pages else "—"}
        for r in rows
    ]


def top_page_by_portal(tenant_ids, start: date, end: date) -> dict[int, dict]:
    """Each portal's most-read page (as top_pages(limit=1) gives it), for all of them in
    one query: the province's comparison asked once per portal (201 queries)."""
    ranked = (
        PageDayViews.objects.filter(tenant_id__in=list(tenant_ids), day__gte=start, day__lte=end)
        .values("tenant_id", "page_id")
        .annotate(views=Sum("views"))
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("tenant_id")], order_by=[F("views").desc(), F("page_id").asc()])
        )
        .filter(rank=1)
        .order_by()
    )
    rows = [{"tenant_id": r["tenant_id"], "page_id": r["page_id"], "views": r["views"]} for r in ranked]
    pages = Page.objects.in_bulk([r["page_id"] for r in rows])
    return {
        r["tenant_id"]: {
            **r,
            "page": pages.get(r["page_id"]),
            "title": pages[r["page_id"]].title if r["page_id"] in pages else "—",
        }
        for r in rows
    }


def visits_between(tenant_id: int, start: date, end: date) -> int:
    total = PortalDayStats.objects.filter(tenant_id=tenant_id, day__gte=start, day__lte=end).aggregate(n=Sum("visits"))
    return total["n"] or 0


def visits_by_portal(tenant_ids, start: date, end: date) -> dict[int, int]:
    """Visits of each portal between two days (SQL: what has been flushed), one query."""
    rows = (
        PortalDayStats.objects.filter(tenant_id__in=list(tenant_ids), day__gte=start, day__lte=end)
        .values("tenant_id")
        .annotate(n=Sum("visits"))
    )
    return {row["tenant_id"]: row["n"] or 0 for row in rows}


def portal_comparison(tenants, today: date) -> list[dict]:
    """Each portal's week and month as its public box shows them (live), against last
    week's visits; the province's own portal is a row like the others."""
    from .live import live_numbers

    ids = [tenant.pk for tenant in tenants]
    live = live_numbers(ids)
    week_start = today - timedelta(days=today.weekday())
    last_week = visits_by_portal(ids, week_start - timedelta(days=7), today - timedelta(days=7))
    tops = top_page_by_portal(ids, today - timedelta(days=29), today)
    rows = []
    for tenant in tenants:
        numbers = live.get(tenant.pk)
        this_week = numbers.week if numbers else None
        before = last_week.get(tenant.pk, 0)
        rows.append(
            {
                "tenant": tenant,
                "week": this_week,
                "month": numbers.month if numbers else None,
                "last_week": before,
                "trend": None if not before or this_week is None else round((this_week - before) * 100 / before),
                "top": tops.get(tenant.pk),
            }
        )
    return rows


def chart_svg(days: list[Day], width: int = 720, height: int = 200) -> str:
    """Bars for page views, a line for visits: a chart that needs no JavaScript."""
    peak = max([1, *(d.views for d in days), *(d.visits for d in days)])
    step = width / max(1, len(days))
    bars, points = [], []
    for i, d in enumerate(days):
        h = d.views * (height - 20) / peak
        bars.append(
            f'<rect x="{i * step + 1:.1f}" y="{height - h:.1f}" width="{max(1, step - 2):.1f}" height="{h:.1f}" '
            f'fill="#b3131b"><title>{d.day:%d/%m}: {d.views} lượt xem</title></rect>'
        )
        points.append(f"{i * step + step / 2:.1f},{height - d.visits * (height - 20) / peak:.1f}")
    line = f'<polyline points="{" ".join(points)}" fill="none" stroke="#1a5fb4" stroke-width="2"/>'
    return (
        f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" aria-label="Lượt xem (cột) và lượt truy cập '
        f'(đường) theo ngày" xmlns="http://www.w3.org/2000/svg">{"".join(bars)}{line}</svg>'
    )
