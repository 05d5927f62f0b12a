"""Run inside the deployment a portal was moved into (tests/operations/test_portal_move.py,
through `manage.py shell`): what a reader and an administrator would see there, as
one line of JSON."""

import json
import re

from django.contrib.auth.models import User
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

HOST, ARTICLE = "dateh.moved.test", "/tin-tuc/giam-sat-chi-thi-24-ct-tu/"
READER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0"  # a reader, so counted


def main():
    from citizens.models import Question
    from core.models import NewsArticlePage, SupervisionReportPage
    from tenants.models import Tenant, TenantGroup

    tenant = Tenant.objects.get(slug="dateh")
    home = Page.objects.get(pk=tenant.site.root_page_id)
    own = set(Page.objects.descendant_of(home, inclusive=True).values_list("pk", flat=True))
    report = SupervisionReportPage.objects.descendant_of(home).get()
    client = Client()
    response = client.get(ARTICLE, HTTP_HOST=HOST, HTTP_USER_AGENT=READER, REMOTE_ADDR="203.0.113.10")
    html = response.content.decode()
    images = re.findall(r'<img[^>]+src="([^"]+)"', html)
    text = " ".join(block["value"] for block in report.body.raw_data if block["type"] == "paragraph")
    tags = [tag for tag in re.findall(r"<a\b[^>]*>", text) if 'linktype="page"' in tag]
    linked = [int(re.search(r'\bid="(\d+)"', tag).group(1)) for tag in tags]
    document = (
        get_document_model()
        .objects.filter(collection__in=[tenant.collection, *tenant.collection.get_descendants()])
        .first()
    )
    story = NewsArticlePage.objects.descendant_of(home).filter(has_unpublished_changes=True).first()
    people = {
        user.username: sorted(tg.role for tg in TenantGroup.objects.filter(tenant=tenant, group__user=user))
        for user in User.objects.filter(groups__tenant_role__tenant=tenant).distinct()
    }
    facts = {
        "portals": sorted(Tenant.objects.values_list("slug", flat=True)),
        "status": response.status_code,
        "title": report.title,
        "title_shown": report.title in html,
        "views": int(html.split("Lượt xem: ")[1].split("<")[0].replace(".", "")),
        "images_shown": len(images),
        "images_served": all(
            client.get(src, HTTP_HOST=HOST).status_code == 200 for src in images if src.startswith("/")
        ),
        "document_served": client.get(document.url, HTTP_HOST=HOST).status_code == 200,
        "links_inside": linked,
        "links_to_own_pages": [pk for pk in linked if pk in own],
        "roles": people,
        "inactive_without_password": sorted(
            u.username
            for u in User.objects.filter(username__in=people)
            if not u.is_active and not u.has_usable_password()
        ),
        "draft_kept": bool(story and story.get_latest_revision_as_object().title != story.title),
        "english_home": home.get_translations().filter(locale__language_code="en").exists(),
        "cattien_traces": [
            *Page.objects.filter(title__contains="Cát Tiên").values_list("title", flat=True),
            *get_image_model().objects.filter(title__contains="Cát Tiên").values_list("title", flat=True),
            *get_document_model().objects.filter(title__contains="Cát Tiên").values_list("title", flat=True),
            *User.objects.filter(username__contains="cattien").values_list("username", flat=True),
        ],
        "tracking_codes": sorted(Question.objects.filter(tenant=tenant).values_list("tracking_code", flat=True)),
        "image_files": sorted(image.file.name.rsplit("/", 1)[-1] for image in get_image_model().objects.all()),
    }
    print(json.dumps(facts, ensure_ascii=False))
