"""The network dashboard in the admin: a panel on the home page, and its CSV."""

import csv

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from .network import FILTERS, SORTS, activity, chosen

SORT_LABELS = {
    "ten": _("Tên cổng"),
    "xuat-ban-7": _("Xuất bản nhiều nhất"),
    "cho-duyet": _("Nhiều bài chờ duyệt nhất"),
    "cap-nhat": _("Lâu chưa cập nhật nhất"),
    "truy-cap": _("Truy cập tuần này"),
    "tuan-thu": _("Tuân thủ thấp nhất"),
}
FILTER_LABELS = {
    "": _("Tất cả"),
    "lau-chua-cap-nhat": _("Lâu chưa cập nhật (quá 14 ngày)"),
    "co-bai-cho-duyet": _("Có bài chờ duyệt"),
}


def _choice(request, name, known) -> str:
    value = request.GET.get(name, "")
    return value if value in known else ""


class NetworkPanel(Component):
    name = "network"
    order = 50
    template_name = "core/admin/network_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        sort = _choice(self.request, "sap-xep", SORTS) or "ten"
        only = _choice(self.request, "loc", FILTERS)
        rows = activity(self.request.user)
        return {
            "rows": chosen(rows, sort, only),
            "several": len(rows) > 1,
            "sort": sort,
            "only": only,
            "sorts": list(SORT_LABELS.items()),
            "filters": list(FILTER_LABELS.items()),
        }


def network_csv(request):
    sort = _choice(request, "sap-xep", SORTS) or "ten"
    rows = chosen(activity(request.user), sort, _choice(request, "loc", FILTERS))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mang-luoi-cong.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["cong", "xuat_ban_7_ngay", "xuat_ban_30_ngay", "cho_duyet", "cho_lau_nhat_ngay", "ngay_tu_lan_cap_nhat",
         "lau_chua_cap_nhat", "truy_cap_tuan_nay", "truy_cap_tuan_truoc", "tuan_thu_phan_tram"]
    )  # fmt: skip
    for row in rows:
        writer.writerow(
            [row.tenant.name, row.published_7, row.published_30, row.waiting, _blank(row.oldest_wait_days),
             _blank(row.days_since_update), int(row.stale), _blank(row.visits_this_week), row.visits_last_week,
             _blank(row.compliance)]
        )  # fmt: skip
    return response


def _blank(value):
    return "" if value is None else value
