"""Wagtail's site history, as a provincial admin needs it: a «Cổng» column naming the
portal of each row, and a filter by portal (rows of Đạ Tẻh and Cát Tiên look alike
otherwise). The rows a person may see are still decided by the row scope; the filter
narrows them with the same rule (tenants.row_scope.condition), for one portal.

Installed on Wagtail's own view class (tenants.apps), so the report keeps its URL, its
other filters and its exports.
"""

from collections import defaultdict

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.models import Page, PageLogEntry

from .ownership import owners_of
from .registry import registry
from .row_scope import WRITE, condition
from .visibility import Scope, portals_for


class PortalSiteHistoryFilterSet(SiteHistoryReportFilterSet):
    portal = django_filters.ChoiceFilter(label=_("Cổng"), method="filter_portal", empty_label=_("Tất cả các cổng"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        portals = portals_for(self.request.user) if self.request else []
        if len(portals) > 1:
            self.filters["portal"].extra["choices"] = [(t.slug, t.name) for t in portals]
        else:
            del self.filters["portal"]  # one portal: nothing to choose

    def filter_portal(self, queryset, name, value):
        record = registry.by_slug(value)
        if record is None:
            return queryset.none()
        only = frozenset({record.id})
        rule = condition(queryset.model, Scope(False, only, only, self.request.user.pk), WRITE)
        return queryset.filter(rule) if rule is not None else queryset.none()


def _name_portals(entries):
    """Set `portal_name` on each log entry, in one query per kind of object."""
    wanted = defaultdict(set)
    for entry in entries:
        if isinstance(entry, PageLogEntry):
            wanted[Page].add(entry.page_id)  # by id: the page may be gone
        elif entry.content_type_id:
            wanted[entry.content_type.model_class()].add(entry.object_id)
    owners = {model: owners_of(model, pks) for model, pks in wanted.items() if model is not None}
    for entry in entries:
        if isinstance(entry, PageLogEntry):
            model, key = Page, entry.page_id
        else:
            model, key = entry.content_type.model_class(), entry.object_id
        owner = owners.get(model, {}).get(int(key)) if model is not None and str(key).isdigit() else None
        record = registry.by_id(owner) if owner else None
        entry.portal_name = record.name if record else ""
    return entries


def install():
    original = LogEntriesView.decorate_paginated_queryset

    def decorate_paginated_queryset(self, queryset):
        return _name_portals(original(self, queryset))

    LogEntriesView.filterset_class = PortalSiteHistoryFilterSet
    LogEntriesView.decorate_paginated_queryset = decorate_paginated_queryset
