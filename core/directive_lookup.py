"""Directive lookup: by number and symbol (any spelling), type, issuer, year, status
and keyword. Plain GET parameters, so a search is a bookmarkable link and works
without JavaScript; a bad value is dropped with a message, never an error."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.models import Locale

from core.listing import paginate
from core.text import fold, number_key
from tenants.registry import registry
from tenants.visibility import pages_under, shared_root_paths

MAX_QUERY = 200
MAX_TERMS = 10
# Query parameter -> the field it filters on, for filters that need no translation.
SIMPLE_FILTERS = {
    "loai": "document_type",
    "coquan": "issuer_id",
    "nam": "issue_date__year",
    "tinhtrang": "status",
}


def visible_directives(request):
    """Live documents of this portal and of the portals above it, in the active language."""
    from core.models import DirectivePage

    record = registry.by_id(request.tenant.id)
    paths = shared_root_paths(record) if record else []
    if not paths:
        return DirectivePage.objects.none()
    return DirectivePage.objects.live().public().filter(pages_under(paths), locale=Locale.get_active())


def visible_issuers(request):
    from core.models import IssuingBody

    lineage = registry.lineage(registry.by_id(request.tenant.id))
    return IssuingBody.objects.filter(tenant_id__in=[record.id for record in lineage])


class LookupForm(forms.Form):
    so = forms.CharField(label=_lazy("Số, ký hiệu"), required=False, max_length=60)
    loai = forms.ChoiceField(label=_lazy("Loại văn bản"), required=False)
    coquan = forms.TypedChoiceField(label=_lazy("Cơ quan ban hành"), required=False, coerce=int, empty_value=None)
    nam = forms.IntegerField(label=_lazy("Năm ban hành"), required=False, min_value=1945, max_value=2100)
    tinhtrang = forms.ChoiceField(label=_lazy("Tình trạng"), required=False)
    q = forms.CharField(label=_lazy("Từ khóa"), required=False)

    def __init__(self, data, issuers):
        from core.models import DirectiveStatus, DocumentType

        super().__init__(data)
        everything = [("", _("Tất cả"))]
        self.fields["loai"].choices = everything + list(DocumentType.choices)
        self.fields["tinhtrang"].choices = everything + list(DirectiveStatus.choices)
        self.fields["coquan"].choices = everything + [(i.pk, i.name) for i in issuers]


def lookup(request):
    issuers = list(visible_issuers(request))
    data = request.GET.copy()
    messages = []
    keyword = data.get("q", "")
    if len(keyword) > MAX_QUERY:
        data["q"] = keyword[:MAX_QUERY]
        messages.append(_("Từ khóa quá dài; chỉ dùng %(n)d ký tự đầu.") % {"n": MAX_QUERY})
    form = LookupForm(data, issuers)
    form.is_valid()
    for name, errors in form.errors.items():
        messages.append(_("Bỏ qua «%(field)s»: %(error)s") % {"field": form.fields[name].label, "error": errors[0]})
    values = form.cleaned_data

    directives = visible_directives(request).select_related("issuer")
    searched = False
    if values.get("so"):
        key = number_key(values["so"])
        if key.isdigit():
            directives = directives.filter(number=int(key))
        elif key:
            directives = directives.filter(number_key__startswith=key)
        searched = True
    for param, lookup_field in SIMPLE_FILTERS.items():
        if values.get(param):
            directives = directives.filter(**{lookup_field: values[param]})
            searched = True
    for term in fold(values.get("q") or "").split()[:MAX_TERMS]:
        directives = directives.filter(search_folded__icontains=term)
        searched = True

    page, page_message = paginate(directives.order_by("-issue_date", "-pk"), request.GET.get("page"))
    if page_message:
        messages.append(page_message)
    query = data.copy()
    query.pop("page", None)
    return {
        "form": form,
        "directives": page,
        "searched": searched,
        "messages_for_reader": messages,
        "query_string": query.urlencode(),
    }
