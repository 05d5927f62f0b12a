"""Builders for test data: real pages in real portal trees."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from core.models import DirectivePage, IssuingBody, NewsArticlePage

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def member(tenant, role, username, *, email="", password="x"):
    """A user holding one role (tenants.roles.Role) on one portal."""
    user = get_user_model().objects.create_user(username, email=email, password=password)
    user.groups.add(tenant.groups.get(role=role).group)
    return user


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def news_article(index, title, *, body=None, published_at=None, **fields):
    return publish_child(
        index,
        NewsArticlePage(
            title=title,
            published_at=published_at or datetime(2024, 1, 1, 9, 0, tzinfo=HCM),
            body=body or [("paragraph", f"<p>{title}</p>")],
            **fields,
        ),
    )


def directive(index, tenant, number_symbol, *, issuer_name=None, issue_date=date(2020, 1, 1), **fields):
    issuer, _ = IssuingBody.objects.get_or_create(tenant=tenant, name=issuer_name or f"Ban Thường vụ {tenant.name}")
    fields.setdefault("document_type", "chi-thi")
    fields.setdefault("summary", f"Văn bản {number_symbol}")
    return publish_child(
        index,
        DirectivePage(
            title=f"Văn bản {number_symbol}",
            number_symbol=number_symbol,
            issuer=issuer,
            issue_date=issue_date,
            **fields,
        ),
    )


def redis_down(monkeypatch):
    """Point the Redis client the page cache and the counters share at a port nobody
    listens on (the page store and the recorder follow it); monkeypatch.undo() restores it."""
    from tenants import redis_client

    monkeypatch.setattr(redis_client, "_client", redis_client.fail_fast("redis://127.0.0.1:1/0"))
