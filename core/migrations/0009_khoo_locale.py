"""K'Ho (kpm), spoken in Lâm Đồng, as a content language portals may turn on."""

from django.db import migrations


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="kpm")


def backwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    if not Page.objects.filter(locale__language_code="kpm").exists():
        Locale.objects.filter(language_code="kpm").delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0008_root_page_and_collection_in_vietnamese")]

    operations = [migrations.RunPython(forwards, backwards)]
