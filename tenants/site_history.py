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

    def subject(entry):  # a page by id (it may be gone), other objects by type and id
        if isinstance(entry, PageLogEntry):
            return Page, entry.page_id
        return (entry.content_type.model_class() if entry.content_type_id else None), entry.object_id

    subjects = [subject(entry) for entry in entries]
    wanted = defaultdict(set)
    for model, key in subjects:
        if model is not None:
            wanted[model].add(key)
    owners = {model: owners_of(model, pks) for model, pks in wanted.items()}
    for entry, (model, key) in zip(entries, subjects, strict=True):
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
