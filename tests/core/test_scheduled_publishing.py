"""Scheduled publishing runs from Celery beat (core.tasks.publish_scheduled): a page
whose time has come goes live on its own portal; one still in the future waits."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from core.models import NewsArticlePage, NewsIndexPage
from core.tasks import publish_scheduled


def scheduled(tenant, slug, go_live_at):
    news = NewsIndexPage.objects.descendant_of(tenant.site.root_page).get(slug="tin-tuc")
    page = NewsArticlePage(title=f"Hẹn giờ {slug}", slug=slug, live=False)
    news.add_child(instance=page)
    page.go_live_at = timezone.now() + timedelta(hours=1)
    page.save_revision().publish()  # approved, waiting for its time
    page.refresh_from_db()
    assert not page.live
    # Move the appointment to `go_live_at` (the time has come, or not yet).
    revision = page.latest_revision
    revision.content["go_live_at"] = go_live_at.isoformat()
    revision.approved_go_live_at = go_live_at
    revision.save(update_fields=["content", "approved_go_live_at"])
    return page


def test_beat_publishes_what_is_due_and_keeps_the_rest(client, demo_province):
    _province, dateh, cattien = demo_province
    due = scheduled(dateh, "den-gio", timezone.now() - timedelta(minutes=1))
    later = scheduled(cattien, "chua-den-gio", timezone.now() + timedelta(days=1))
    assert settings.CELERY_BEAT_SCHEDULE["publish-scheduled"]["task"] == "core.tasks.publish_scheduled"

    publish_scheduled.apply()

    due.refresh_from_db()
    later.refresh_from_db()
    assert due.live and not later.live
    assert client.get("/tin-tuc/den-gio/", HTTP_HOST="dateh.test").status_code == 200
    assert client.get("/tin-tuc/chua-den-gio/", HTTP_HOST="cattien.test").status_code == 404
