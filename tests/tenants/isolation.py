"""Tools for the cross-tenant matrix: plant a canary in every kind of object of one
portal, list every admin URL pattern from the resolver, and fill each pattern's
arguments with that portal's ids."""

import io
import itertools
import re
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import URLPattern, URLResolver, get_resolver
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

CANARY = "CANARYB7x9"
# Searches ask for this word, which every planted object's title also holds: a search
# page that repeats the query back must not count as a leak, one that lists B's object does.
SEARCH_WORD = "hoaban"
# Prefixes of the URLs an editor's browser can reach: the admin (and its API) and the
# public document and image serving views.
PREFIXES = ("admin/", "documents/")
# Views that end the session or need a one-time token: not cross-tenant surfaces.
SKIPPED = {"wagtailadmin_logout", "wagtailadmin_password_reset_confirm", "wagtailadmin_error_test"}


@dataclass
class Planted:
    """Portal B's objects, each holding the canary somewhere an editor could read it."""

    ids: dict[str, list] = field(default_factory=dict)
    snapshot: dict = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


def plant(tenant, users, canary: str = CANARY) -> Planted:
    """Put `canary` in every kind of object of `tenant` a district role could reach:
    a draft page, an unpublished revision, a page in moderation, a locked page, a
    scheduled page, an image (and its file and tag), a document (never used by a live
    page), the collection, each snippet type, the settings and their translation, a
    redirect, the workflow and its task, a comment, the users' names and the groups."""
    from datetime import timedelta

    from django.utils import timezone
    from PIL.PngImagePlugin import PngInfo
    from wagtail.models import Comment, Locale, Workflow

    from core.models import IssuingBody, NewsArticlePage, NewsCategory, NewsIndexPage
    from themes.models import ThemeSettings, ThemeTranslation

    home = tenant.site.root_page
    news = NewsIndexPage.objects.descendant_of(home).get(slug="tin-tuc")

    def article(title, slug, publish=False):
        page = NewsArticlePage(title=f"{canary} {title} {SEARCH_WORD}", slug=slug, lead=canary)
        news.add_child(instance=page)
        revision = page.save_revision(user=users[0])
        if publish:
            revision.publish()
        return page

    draft = article("bản nháp", "canary-draft")  # a draft, never published
    live = NewsArticlePage.objects.descendant_of(home).live().exclude(pk=draft.pk).first()
    live.title = f"{live.title} {canary} {SEARCH_WORD}"
    revision = live.save_revision(user=users[0])  # unpublished edit of a live page
    moderated = article("chờ duyệt", "canary-moderated")
    moderated.get_workflow().start(moderated, users[0])
    locked = article("đang khóa", "canary-locked", publish=True)
    locked.locked, locked.locked_by, locked.locked_at = True, users[-1], timezone.now()
    locked.save(update_fields=["locked", "locked_by", "locked_at"])
    scheduled = article("hẹn giờ", "canary-scheduled")
    scheduled.save_revision(user=users[0], approved_go_live_at=timezone.now() + timedelta(days=7)).publish()
    comment = Comment.objects.create(page=live, user=users[0], text=f"{canary} góp ý", contentpath="title")

    buffer = io.BytesIO()
    metadata = PngInfo()
    metadata.add_text("Comment", canary)  # so that serving the original file betrays it
    PILImage.new("RGB", (40, 30), "#123456").save(buffer, "PNG", pnginfo=metadata)
    image = get_image_model().objects.create(
        title=f"{canary} ảnh {SEARCH_WORD}", collection=tenant.collection, file=ImageFile(buffer, name="canary.png")
    )
    image.tags.add(f"{canary.lower()}tag")
    document = get_document_model().objects.create(
        title=f"{canary} tài liệu {SEARCH_WORD}",
        collection=tenant.collection,
        file=ContentFile(canary.encode(), name="canary.txt"),
    )
    category = NewsCategory.objects.create(tenant=tenant, name=f"{canary} chuyên mục {SEARCH_WORD}")
    issuer = IssuingBody.objects.create(tenant=tenant, name=f"{canary} cơ quan {SEARCH_WORD}", symbol="CN")
    settings = ThemeSettings.objects.get(site=tenant.site)
    settings.slogan = f"{canary} khẩu hiệu"
    settings.save()
    english, _ = Locale.objects.get_or_create(language_code="en")
    ThemeTranslation.objects.create(settings=settings, locale=english, slogan=f"{canary} slogan")
    redirect = Redirect.objects.create(
        old_path=f"/{canary.lower()}", site=tenant.site, redirect_link="https://x.invalid"
    )
    from wagtail.models import Collection

    collection = Collection.objects.get(pk=tenant.collection_id)  # fresh: its tree path moved on
    collection.name = f"{collection.name} {canary}"
    collection.save(update_fields=["name"])
    workflow = Workflow.objects.get(workflow_pages__page=home)
    workflow.name = f"{workflow.name} {canary}"
    workflow.save()
    task = workflow.tasks.get().specific
    task.name = f"{task.name} {canary}"
    task.save()
    for group in [tg.group for tg in tenant.groups.all()]:
        group.name = f"{group.name} {canary}"
        group.save()
    for user in users:
        user.first_name = canary
        user.save()

    from wagtail.models import TaskState, WorkflowState

    workflow_states = list(WorkflowState.objects.filter(object_id=str(moderated.pk)).values_list("pk", flat=True))
    page_ids = list(Page.objects.descendant_of(home, inclusive=True).values_list("pk", flat=True))
    planted = Planted(
        ids={
            "page": page_ids,
            "revision": [revision.pk, draft.latest_revision_id, moderated.latest_revision_id],
            "image": [image.pk],
            "document": [document.pk],
            "snippet": [category.pk, issuer.pk],
            "newscategory": [category.pk],
            "issuingbody": [issuer.pk],
            "user": [u.pk for u in users],
            "group": list(tenant.groups.values_list("group_id", flat=True)),
            "collection": [collection.pk],
            "site": [tenant.site_id],
            "redirect": [redirect.pk],
            "settings": [settings.pk],
            "workflow": [workflow.pk],
            "task": [task.pk],
            "workflow_state": workflow_states,
            "task_state": list(
                TaskState.objects.filter(workflow_state_id__in=workflow_states).values_list("pk", flat=True)
            ),
            "comment": [comment.pk],
        }
    )
    planted.files = [
        document.url,
        f"/media/{document.file.name}",
        f"/media/{image.file.name}",
    ]
    planted.snapshot = snapshot(tenant)
    return planted


def snapshot(tenant):
    """What a mutating request against portal B would change."""
    from wagtail.models import Collection, Comment, Revision, Workflow

    from core.models import IssuingBody, NewsCategory
    from themes.models import ThemeSettings, ThemeTranslation

    home = tenant.site.root_page
    pages = Page.objects.descendant_of(home, inclusive=True)
    return {
        "pages": sorted(
            pages.values_list(
                "pk", "title", "live", "locked", "path", "latest_revision_id", "has_unpublished_changes", "owner_id"
            )
        ),
        "revisions": Revision.page_revisions.filter(
            object_id__in=[str(pk) for pk in pages.values_list("pk", flat=True)]
        ).count(),
        "images": sorted(
            get_image_model().objects.filter(collection=tenant.collection).values_list("pk", "title", "file")
        ),
        "documents": sorted(
            get_document_model().objects.filter(collection=tenant.collection).values_list("pk", "title", "file")
        ),
        "snippets": sorted(NewsCategory.objects.filter(tenant=tenant).values_list("pk", "name"))
        + sorted(IssuingBody.objects.filter(tenant=tenant).values_list("pk", "name")),
        "settings": list(
            ThemeSettings.objects.filter(site=tenant.site).values_list("slogan", "brand_colour", "logo_id")
        ),
        "translations": sorted(ThemeTranslation.objects.filter(settings__site=tenant.site).values_list("pk", "slogan")),
        "redirects": sorted(Redirect.objects.filter(site=tenant.site).values_list("pk", "old_path", "redirect_link")),
        "groups": sorted(tenant.groups.values_list("group__pk", "group__name")),
        "members": sorted(tenant.groups.values_list("group__pk", "group__user__pk")),
        "workflows": sorted(Workflow.objects.filter(workflow_pages__page=home).values_list("pk", "name", "active")),
        "comments": sorted(Comment.objects.filter(page__in=pages).values_list("pk", "text", "resolved_at")),
        "collection": list(Collection.objects.filter(pk=tenant.collection_id).values_list("name", "path")),
    }


def url_patterns():
    """(route, name, argument names) of every admin and document URL pattern."""

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace and (f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace)
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner or namespace)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
                yield prefix + str(pattern.pattern), name, pattern

    for route, name, pattern in walk(get_resolver().url_patterns, "", None):
        if route.lstrip("^").startswith(PREFIXES) and name not in SKIPPED:
            yield route, name, pattern


ARGUMENT = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>([^)]*)\)")


def arguments_for(name: str, ids: dict, model_labels: list[tuple[str, str]]):
    """Values to try for one URL argument, by its name."""
    everything = sorted({i for values in ids.values() for i in values})
    by_name = {
        "page_id": ids["page"],
        "parent_page_id": ids["page"],
        "page_to_move_id": ids["page"],
        "destination_id": ids["page"],
        "page_pk": ids["page"],
        "image_id": ids["image"],
        "document_id": ids["document"],
        "doc_id": ids["document"],
        "revision_id": ids["revision"],
        "revision_id_a": ids["revision"][:1],
        "revision_id_b": ids["revision"][1:],
        "redirect_id": ids["redirect"],
        "collection_id": ids["collection"],
        "user_id": ids["user"],
        "site_id": ids["site"],
    }
    if name in by_name:
        return by_name[name]
    if name in ("app_label", "app_name", "content_type_app_name", "model_name", "content_type_model_name"):
        return None  # filled in pairs, below
    if name in ("pk", "object_id", "id", "workflow_pk", "task_pk", "task_id", "task_state_id", "workflow_state_id"):
        return everything
    return ["1"]


def concrete_urls(route: str, ids: dict, model_labels):
    """Every URL made by filling the route's arguments with portal B's ids."""
    names = [m.group(2) or m.group(3) for m in ARGUMENT.finditer(route)]
    if not names:
        url = "/" + _fill(route, {})
        yield url
        # Listings, searches and autocompletes: ask them for the canary by name.
        yield f"{url}?q={SEARCH_WORD}&term={CANARY.lower()[:8]}&collection_id={ids['collection'][0]}"
        return
    pairs = [(a, m) for a, m in model_labels] if any("app" in n for n in names) else [(None, None)]
    for app, model in pairs:
        choices = []
        for name in names:
            if "app" in name:
                choices.append([app])
            elif "model_name" in name:
                choices.append([model])
            else:
                choices.append(arguments_for(name, ids, model_labels))
        # Each argument's values in turn, others at their first: linear, not a product.
        seen = set()
        for position, values in enumerate(choices):
            for value in values:
                combo = tuple(value if i == position else c[0] for i, c in enumerate(choices))
                if combo not in seen:
                    seen.add(combo)
                    yield "/" + _fill(route, dict(zip(names, combo, strict=True)))


def _fill(route: str, values: dict) -> str:
    def replace(match):
        return str(values[match.group(2) or match.group(3)])

    return ARGUMENT.sub(replace, route).lstrip("^").rstrip("$").replace("\\Z", "").replace("\\", "")


def chunked(iterable, size):
    iterator = iter(iterable)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
