"""A merge of portals (tenants.merging), for core's rows: the sources' news categories
and issuing bodies go to the target (one of the same name is merged into the target's),
their province alerts move, their directive reminders go."""

from tenants.events import portal_merging

# What a merge does to core's rows that point at a portal (tenants.merging.HANDLED).
HANDLED = {
    "core.ProvinceAlert": "moved",
    "core.NewsCategory": "moved; one of the same name is merged into the target's",
    "core.IssuingBody": "moved; one of the same name is merged into the target's",
    "core.DirectiveReminder": "deleted: reminders sent to a portal that is gone",
}


def _move_snippets(sender, source, target, **kwargs):
    from .models import ArticlePage, DirectivePage, DirectiveReminder, IssuingBody, NewsCategory, ProvinceAlert

    through = ArticlePage.categories.through
    for category in NewsCategory.objects.filter(tenant=source):
        same = NewsCategory.objects.filter(tenant=target, slug=category.slug).first()
        if same is None:
            NewsCategory.objects.filter(pk=category.pk).update(tenant=target)
        else:
            through.objects.filter(newscategory=category).update(newscategory=same)
            category.delete()
    for body in IssuingBody.objects.filter(tenant=source):
        same = IssuingBody.objects.filter(tenant=target, name=body.name).first()
        if same is None:
            IssuingBody.objects.filter(pk=body.pk).update(tenant=target)
        else:
            DirectivePage.objects.filter(issuer=body).update(issuer=same)
            body.delete()
    ProvinceAlert.objects.filter(tenant=source).update(tenant=target)
    DirectiveReminder.objects.filter(tenant=source).delete()  # reminders sent to a portal that is gone


def connect():
    portal_merging.connect(_move_snippets, dispatch_uid="core-rows-of-merged-portal")
