"""Citizens' item on the compliance checklist (core.compliance): no question of the
public waits longer than ANSWER_DAYS for its answer. One query for every portal."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.compliance import Item, checklist_items

from .models import Question

ANSWER_DAYS = 15  # a question waiting longer than this is overdue
LABEL = _("Không có câu hỏi của người dân chờ trả lời quá %(days)s ngày")


def _questions(sender, tenants, **kwargs) -> list[Item]:
    overdue = set(
        Question.objects.filter(
            status__in=[Question.Status.RECEIVED, Question.Status.ASSIGNED],
            created_at__lt=timezone.now() - timedelta(days=ANSWER_DAYS),
        ).values_list("tenant_id", flat=True)
    )
    return [Item("questions", LABEL, overdue, reverse("wagtailsnippets_citizens_question:list"), ANSWER_DAYS)]


def connect():
    checklist_items.connect(_questions, dispatch_uid="citizens-questions-checklist")
