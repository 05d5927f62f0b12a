"""Pagination that never fails: a bad or too-large page number shows a real page
with a message instead of an error."""

from django.core.paginator import Paginator
from django.utils.translation import gettext as _

PER_PAGE = 12


def _page_number(raw_page):
    """(number, message) from a raw ?page= value; bad values mean page 1."""
    try:
        number = int(raw_page or 1)
    except (TypeError, ValueError):
        return 1, _("Số trang “%(raw)s” không hợp lệ; đang hiện trang 1.") % {"raw": str(raw_page)[:20]}
    if number < 1:
        return 1, _("Số trang phải từ 1 trở lên; đang hiện trang 1.")
    return number, ""


def paginate(queryset, raw_page, per_page=PER_PAGE):
    """Return (page, message). Page numbers that are not numbers fall back to the
    first page; numbers past the end show the last page; each says so."""
    paginator = Paginator(queryset, per_page)
    number, message = _page_number(raw_page)
    if number > paginator.num_pages:
        message = _("Chỉ có %(count)d trang; đang hiện trang cuối.") % {"count": paginator.num_pages}
        number = paginator.num_pages
    return paginator.page(number), message


class UncountedPage(list):
    """One page of results whose total is not counted: counting every match of a
    full-text search costs as much as finding them. Knows only whether a next page
    exists (it fetches one row more than it shows)."""

    def __init__(self, rows, number, per_page):
        super().__init__(rows[:per_page])
        self.number = number
        self.has_next_page = len(rows) > per_page
        self.has_previous_page = number > 1


def paginate_uncounted(results, raw_page, per_page=PER_PAGE):
    """Return (page, message) without a COUNT query. A page past the end shows
    nothing, with a message pointing back to page 1."""
    number, message = _page_number(raw_page)
    number = min(number, 10_000)  # no deep paging through search results
    start = (number - 1) * per_page
    page = UncountedPage(list(results[start : start + per_page + 1]), number, per_page)
    if not page and number > 1:
        message = _("Không còn kết quả ở trang %(n)d; hãy xem từ trang 1.") % {"n": number}
    return page, message
