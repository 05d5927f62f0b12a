"""Pagination that never fails: a bad or too-large page number shows a real page
with a message instead of an error."""

from django.core.paginator import Paginator
from django.utils.translation import gettext as _

PER_PAGE = 12


def paginate(queryset, raw_page, per_page=PER_PAGE):
    """Return (page, message). Page numbers that are not numbers fall back to the
    first page; numbers past the end show the last page; each says so."""
    paginator = Paginator(queryset, per_page)
    message = ""
    try:
        number = int(raw_page or 1)
    except (TypeError, ValueError):
        number = 1
        message = _("Số trang “%(raw)s” không hợp lệ; đang hiện trang 1.") % {"raw": str(raw_page)[:20]}
    if number < 1:
        number = 1
        message = _("Số trang phải từ 1 trở lên; đang hiện trang 1.")
    elif number > paginator.num_pages:
        message = _("Chỉ có %(count)d trang; đang hiện trang cuối.") % {"count": paginator.num_pages}
        number = paginator.num_pages
    return paginator.page(number), message
