"""Indexes of live pages by portal, and by publication time or page type: when each
portal last published and which required kinds of page it has live
(core.compliance.latest_publish and _live_kinds, on every provincial admin's dashboard)
are one probe per portal home instead of grouping every live page of the province
(issue 17).

PostgreSQL only, like 0010: the query that uses it is PostgreSQL's.
"""

from django.db import migrations

INDEXES = {
    "tenants_page_live_published": "ON wagtailcore_page ((SUBSTR(path::text, 1, 8)), last_published_at DESC) "
    "WHERE live AND depth >= 2 AND last_published_at IS NOT NULL",
    "tenants_page_live_kind": "ON wagtailcore_page ((SUBSTR(path::text, 1, 8)), content_type_id) WHERE live",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, definition in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} {definition}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0010_page_portal_root_index"),
    ]

    operations = [migrations.RunPython(create, drop)]
