# Leaders, spokespeople and units become translatable with their organisation page
# (Decree 42, Art. 7). Existing rows take their page's language and a key of their own
# here; 0019 then makes both required and unique together.

import uuid

import django.db.models.deletion
from django.db import migrations, models


def give_each_row_its_pages_language(apps, schema_editor):
    for name in ("OfficialContact", "OrganisationUnit"):
        model = apps.get_model("core", name)
        for row in model.objects.select_related("page").iterator():
            row.locale_id = row.page.locale_id
            row.translation_key = uuid.uuid4()
            row.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0017_document_words"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        *(
            operation
            for model in ("officialcontact", "organisationunit")
            for operation in (
                migrations.AddField(
                    model_name=model,
                    name="locale",
                    field=models.ForeignKey(
                        null=True,
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
                migrations.AddField(
                    model_name=model, name="translation_key", field=models.UUIDField(null=True, editable=False)
                ),
            )
        ),
        migrations.RunPython(give_each_row_its_pages_language, migrations.RunPython.noop),
    ]
