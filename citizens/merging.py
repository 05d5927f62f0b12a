"""A merge of portals (tenants.merging), for citizens' rows: the sources' questions and
draft comments go to the target; the report counts the questions."""

from tenants.events import portal_merging

from .models import DraftComment, Question

# What a merge does to citizens' rows that point at a portal (tenants.merging.HANDLED).
HANDLED = {
    "citizens.Question": "moved",
    "citizens.DraftComment": "moved",
}


def _move_questions(sender, source, target, **kwargs):
    questions = Question.objects.filter(tenant=source).update(tenant=target)
    DraftComment.objects.filter(tenant=source).update(tenant=target)
    return {"questions": questions}


def connect():
    portal_merging.connect(_move_questions, dispatch_uid="citizens-rows-of-merged-portal")
