"""The tree root and the root collection are the first thing the admin's choosers and
folder lists show: name them in Vietnamese ("Root" was the only English left there)."""

from django.db import migrations


def forwards(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.filter(depth=1).update(title="Gốc", draft_title="Gốc")
    Collection.objects.filter(depth=1).update(name="Gốc")


def backwards(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.filter(depth=1).update(title="Root", draft_title="Root")
    Collection.objects.filter(depth=1).update(name="Root")


class Migration(migrations.Migration):
    dependencies = [("core", "0007_remove_homepage_slogan"), ("wagtailcore", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
