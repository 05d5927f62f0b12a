"""An index on Wagtail's page url_path, for HomePage.route's one-query lookup.

Wagtail routes by walking the tree, so it never needed this index; we find a page by
its URL path directly. PostgreSQL gets a hash index (equality only, and no length
limit on the indexed text); SQLite a plain one.
"""

from django.db import migrations

INDEX = "page_url_path_idx"


def create(apps, schema_editor):
    using = "USING hash " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page {using}(url_path)")


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("core", "0004_search_title_body_index")]

    operations = [migrations.RunPython(create, drop)]
