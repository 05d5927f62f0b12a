"""Site search for one portal: its own pages, plus the documents its province shares.

Accent-insensitive on every database: the query is folded ("Đảng ủy" -> "dang uy")
and matched against folded copies of the text kept in the search index (ArticlePage
.folded_text, DirectivePage.search_folded, InformationItemPage.search_folded: plans,
procedures, reports, with the words of their files). Only letters and digits reach the search
backend, so no input can be read as search syntax.
"""

import re
from urllib.parse import urlencode

from django.utils.translation import gettext as _
from wagtail.models import Locale

from core.directive_lookup import MAX_QUERY, MAX_TERMS, visible_directives
from core.listing import paginate_uncounted
from core.text import fold

_TOKEN = re.compile(r"[a-z0-9]+")


def search(request, home):
    from core.models import ArticlePage, InformationItemPage

    raw = request.GET.get("q", "")
    messages = []
    if len(raw) > MAX_QUERY:
        messages.append(_("Từ khóa quá dài; chỉ dùng %(n)d ký tự đầu.") % {"n": MAX_QUERY})
    terms = _TOKEN.findall(fold(raw[:MAX_QUERY]))[:MAX_TERMS]
    context = {
        "query": raw[:MAX_QUERY],
        "query_string": urlencode({"q": raw[:MAX_QUERY]}),
        "messages_for_reader": messages,
        "results": None,
        "shared_directives": [],
        "items": [],
    }
    if not terms:
        if raw.strip():
            messages.append(_("Hãy nhập từ khóa có chữ hoặc số."))
        return context

    folded = " ".join(terms)
    own = (
        ArticlePage.objects.live()
        .public()
        .descendant_of(home)
        .filter(locale=Locale.get_active())
        .search(folded, operator="and", order_by_relevance=True)
    )
    page, page_message = paginate_uncounted(own, request.GET.get("page"))
    if page_message:
        messages.append(page_message)
    directives = visible_directives(request).select_related("issuer")
    for term in terms:
        directives = directives.filter(search_folded__icontains=term)
    items = InformationItemPage.objects.live().public().descendant_of(home).filter(locale=Locale.get_active())
    for term in terms:
        items = items.filter(search_folded__icontains=term)
    context.update(
        {
            "results": page,
            "shared_directives": list(directives.order_by("-issue_date")[:20]),
            "items": list(items.order_by("-issued_on", "-pk")[:20]),
        }
    )
    return context
