"""Start the page tree clean and both languages present.

Wagtail's first migration creates a default Site (localhost) with a "Welcome" page;
a request for an unknown hostname would fall back to it. Portals are created by
tenants.provisioning instead, so both go. Vietnamese is the default locale (from
LANGUAGE_CODE); English is added now, because adding locales later is painful.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    Page = apps.get_model("wagtailcore", "Page")
    Locale = apps.get_model("wagtailcore", "Locale")
    ContentType = apps.get_model("contenttypes", "ContentType")

    Site.objects.filter(is_default_site=True, hostname="localhost").delete()
    # The welcome page is a plain Page at depth 2 created by Wagtail's initial data.
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    welcome = Page.objects.filter(depth=2, slug="home", content_type=page_type, numchild=0)
    if welcome.exists():
        welcome.delete()
        root = Page.objects.get(depth=1)
        root.numchild = Page.objects.filter(depth=2).count()
        root.save(update_fields=["numchild"])

    for code in ("vi", "en"):
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
