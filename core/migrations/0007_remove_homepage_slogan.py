from django.db import migrations


class Migration(migrations.Migration):
    """The slogan now lives in each portal's theme settings (themes 0001 copied it)."""

    dependencies = [
        ("core", "0006_home_sections_and_sidebar"),
        ("themes", "0001_initial"),
    ]

    operations = [
        migrations.RemoveField(model_name="homepage", name="slogan"),
    ]
