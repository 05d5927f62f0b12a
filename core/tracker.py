"""The directive tracker: for a provincial directive, each portal below the province
against it: has it issued its supervision decision, published its report, when, and
was that on time against the directive's report deadline. Reminders go, once a day,
to the moderators of portals past the deadline with no report.

Everything is read with a fixed number of queries, whatever the number of portals.
"""

import logging
from dataclasses import dataclass
from datetime import date

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import DirectivePage, DirectiveReminder, SupervisionReportPage
from tenants.models import Tenant, TenantGroup
from tenants.registry import registry
from tenants.roles import Role
from tenants.visibility import ROOT_PATH_LENGTH, children_of, pages_under

logger = logging.getLogger(__name__)

ON_TIME, LATE, OVERDUE, PENDING = "dung-han", "tre-han", "qua-han", "chua-den-han"
STATE_LABELS = {
    ON_TIME: _("Đã báo cáo đúng hạn"),
    LATE: _("Đã báo cáo, trễ hạn"),
    OVERDUE: _("Chưa báo cáo, đã quá hạn"),
    PENDING: _("Chưa báo cáo"),
}


@dataclass
class PortalProgress:
    portal: object  # a TenantRecord
    decision_date: date | None = None
    decision_number: str = ""
    report_date: date | None = None
    report_url: str = ""
    state: str = PENDING

    @property
    def state_label(self):
        return STATE_LABELS[self.state]


def progress(directive, today: date | None = None) -> list[PortalProgress]:
    """One row per portal directly below the directive's portal."""
    today = today or timezone.localdate()
    portal = directive.portal
    if portal is None:
        return []
    rows = {child.id: PortalProgress(child) for child in children_of(portal)}
    reports = (
        SupervisionReportPage.objects.filter(supervised_directives__directive=directive)
        .only("path", "url_path", "live", "first_published_at", "decision_number", "decision_date")
        .order_by("first_published_at")
    )
    for report in reports:
        owner = registry.by_root_path(report.path[:ROOT_PATH_LENGTH])
        row = rows.get(owner.id) if owner is not None else None
        if row is None:
            continue
        if report.decision_date and row.decision_date is None:
            row.decision_date, row.decision_number = report.decision_date, report.decision_number
        if report.live and report.first_published_at and row.report_date is None:
            row.report_date = timezone.localtime(report.first_published_at).date()
            row.report_url = report.url or ""
    for row in rows.values():
        row.state = _state(row.report_date, directive.report_deadline, today)
    return list(rows.values())


def _state(reported: date | None, deadline: date | None, today: date) -> str:
    if reported is not None:
        return LATE if deadline and reported > deadline else ON_TIME
    return OVERDUE if deadline and today > deadline else PENDING


def tracked_directives(province_ids):
    """Directives of these provinces that ask their portals for a report."""
    records = [registry.by_id(pk) for pk in province_ids]
    roots = [path for record in records if record is not None for path in record.root_paths]
    return (
        DirectivePage.objects.live()
        .filter(pages_under(roots), report_deadline__isnull=False)
        .order_by("-issue_date", "-pk")
    )


def _mail_moderators(directive, portal):
    moderators = TenantGroup.objects.filter(tenant_id=portal.id, role=Role.MODERATOR)
    emails = [e for e in moderators.values_list("group__user__email", flat=True) if e]
    if not emails:
        return
    subject = _("Nhắc báo cáo thực hiện %(number)s") % {"number": directive.number_symbol}
    body = _("Cổng %(portal)s chưa đăng báo cáo giám sát việc thực hiện %(number)s; hạn báo cáo là %(deadline)s.") % {
        "portal": portal.name,
        "number": directive.number_symbol,
        "deadline": directive.report_deadline.strftime("%d/%m/%Y"),
    }
    send_mail(str(subject), str(body), None, emails)


def send_reminders(today: date | None = None) -> int:
    """Remind each portal past a deadline with no report, once a day: a DirectiveReminder
    row per directive, portal and day makes a second run that day send nothing."""
    today = today or timezone.localdate()
    sent = 0
    provinces = Tenant.objects.filter(level=Tenant.Level.PROVINCE).values_list("pk", flat=True)
    for directive in tracked_directives(provinces).filter(report_deadline__lt=today):
        for row in progress(directive, today):
            if row.state != OVERDUE:
                continue
            # The row and the mail go together: a concurrent run waits on the row's unique
            # key and then skips; a mail server that refuses rolls the row back, so the
            # next hourly run tries again instead of the portal never hearing.
            try:
                with transaction.atomic():
                    DirectiveReminder.objects.create(directive=directive, tenant_id=row.portal.id, day=today)
                    _mail_moderators(directive, row.portal)
            except IntegrityError:
                continue  # already reminded today
            except OSError:  # SMTP errors are OSErrors too
                logger.exception("Reminder to %s about %s not sent", row.portal.slug, directive.number_symbol)
                continue
            sent += 1
    return sent


def overdue_for(tenant_ids, today: date | None = None) -> list[tuple]:
    """(directive, progress row) for each directive the portals are late on."""
    today = today or timezone.localdate()
    parents = {registry.by_id(pk).parent_id for pk in tenant_ids if registry.by_id(pk) is not None}
    found = []
    for directive in tracked_directives([p for p in parents if p]).filter(report_deadline__lt=today):
        for row in progress(directive, today):
            if row.portal.id in tenant_ids and row.state == OVERDUE:
                found.append((directive, row))
    return found
