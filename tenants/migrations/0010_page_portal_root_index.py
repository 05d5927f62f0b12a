"""Indexes that let the admin's row scope (tenants.row_scope) find a portal's pages
without reading the whole page table.

Every page query of a non-superuser's admin request carries the scope's condition,
`depth = 1 OR SUBSTR(path, 1, 8) IN (…)` (the tree root, and the pages under the user's
portals' homes: tenants.visibility). Without an index on either side of that OR,
PostgreSQL reads all 100,000 pages of a province for a district editor's dashboard
figures (0.1 s a query); with these two, it reads the district's pages only. Both are
small: the first eight characters of each path, and the one root row.

PostgreSQL only: SQLite (the tests) has no use for them.
"""

from django.db import migrations

INDEXES = {
    "tenants_page_portal_root": "ON wagtailcore_page ((SUBSTR(path::text, 1, 8)))",
    "tenants_page_tree_root": "ON wagtailcore_page (depth) WHERE depth = 1",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} {definition}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0009_portal_draft_comment_permissions"),
    ]

    operations = [migrations.RunPython(create, drop)]
