from django.db import migrations

ROLES = ("moderator", "provincial_admin")


def grant(apps, schema_editor):
    """Existing portals' moderators and provincial admins may start translations."""
    TenantGroup = apps.get_model("tenants", "TenantGroup")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(content_type__app_label="wagtail_localize", codename="submit_translation")
    for tenant_group in TenantGroup.objects.filter(role__in=ROLES).select_related("group"):
        tenant_group.group.permissions.add(*permission)


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0003_portal_snippet_permissions"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
