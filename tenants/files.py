"""Files are served by the same rules as the rest: a portal's documents and pictures
only on the hostnames of that portal (and of the portals below it, which show what
the province shares), and a document only once a live page uses it, unless the
reader is one of the people who work on it.

- /documents/<id>/<name>: Wagtail's serve view, checked here before it runs.
- /media/: only picture renditions (images/…) are served, each on its portal's hosts.
  Originals (original_images/…) and documents (documents/…) never are: they would
  bypass these checks. A web server in front must do the same (see the README).

Behind nginx (FILES_X_ACCEL_PREFIX, deploy/nginx/): Django still decides, and nginx
sends the bytes, from an `internal` location no reader can ask for directly.
"""

import mimetypes
import os
from urllib.parse import quote

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.views.static import serve
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from .ownership import UNOWNED, owner_of
from .registry import registry
from .scope_context import unscoped, unscoped_function
from .visibility import scope_for

SERVED_MEDIA_FOLDERS = ("images/",)


def _portals_served_on(request) -> set[int]:
    """The portals whose files this host may serve: its own and those above it."""
    tenant = getattr(request, "tenant", None)
    return {r.id for r in registry.lineage(registry.by_id(tenant.id))} if tenant else set()


def _may_work_on(request, owner: int) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated and scope_for(user).can_change(owner)


@unscoped_function
def used_by_a_live_page(document) -> bool:
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(get_document_model()),
        to_object_id=str(document.pk),
        base_content_type=ContentType.objects.get_for_model(Page),
    ).values_list("object_id", flat=True)
    return Page.objects.filter(pk__in=[int(pk) for pk in references], live=True).exists()


def check_document_request(request, view_args, view_kwargs=None):
    """Before Wagtail's document serve view: 404 unless this host may serve it and
    the reader may read it."""
    document_id = (view_kwargs or {}).get("document_id") or (view_args[0] if view_args else None)
    if document_id is None:
        return
    owner = owner_of(get_document_model(), document_id)
    if owner is UNOWNED:
        return  # no such document: Wagtail answers 404
    if _may_work_on(request, owner):
        return  # its editors, on any portal's admin
    if owner not in _portals_served_on(request):
        raise Http404
    with unscoped():
        document = get_document_model().objects.get(pk=document_id)
    if not used_by_a_live_page(document):
        raise Http404  # a draft's attachment is not published by guessing its URL


def serve_media(request, path):
    """/media/ for a small install without a web server in front (SERVE_MEDIA)."""
    if not path.startswith(SERVED_MEDIA_FOLDERS) or ".." in path:
        raise Http404
    with unscoped():
        image_id = (
            get_image_model().get_rendition_model().objects.filter(file=path).values_list("image_id", flat=True).first()
        )
    owner = owner_of(get_image_model(), image_id) if image_id else UNOWNED
    if owner is UNOWNED or (owner not in _portals_served_on(request) and not _may_work_on(request, owner)):
        raise Http404
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    if not is_local(default_storage):
        return _stream_from_storage(path, content_type)
    if settings.FILES_X_ACCEL_PREFIX:
        return accel_redirect(path, content_type)
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def is_local(storage) -> bool:
    """Whether files have a path on this machine (nginx or Django can send them as files);
    not so on S3 (operations/media_storage.py)."""
    try:
        storage.path("x")
    except NotImplementedError:
        return False
    return True


def _stream_from_storage(path: str, content_type: str) -> FileResponse:
    """A rendition kept on S3: streamed through here, so the bucket stays private and
    the host check above still decides. Renditions never change under one name."""
    try:
        handle = default_storage.open(path)
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400"
    return response


def accel_redirect(relative_path: str, content_type: str) -> HttpResponse:
    """An empty answer telling nginx which file under MEDIA_ROOT to send; the headers
    set here and after (type, disposition, CSP) go out with the file."""
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = settings.FILES_X_ACCEL_PREFIX + quote(relative_path)
    return response


def sendfile(request, filename, mimetype=None, **kwargs):
    """Wagtail's document serve view calls this (SENDFILE_BACKEND) once the checks above
    have passed: hand the file to nginx."""
    relative = os.path.relpath(filename, settings.MEDIA_ROOT)
    if relative.startswith(".."):
        raise Http404  # not a file of ours
    return accel_redirect(relative, mimetype or "application/octet-stream")
