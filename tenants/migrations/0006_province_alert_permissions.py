from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["add_provincealert", "change_provincealert", "delete_provincealert", "view_provincealert"]


def grant(apps, schema_editor):
    """Existing provinces' administrators publish province-wide alerts."""
    core = apps.get_app_config("core")
    core.models_module = True  # the permissions are made after migrating otherwise
    create_permissions(core, apps=apps, verbosity=0)
    core.models_module = None
    TenantGroup = apps.get_model("tenants", "TenantGroup")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="core", codename__in=CODENAMES)
    for tenant_group in TenantGroup.objects.filter(role="provincial_admin").select_related("group"):
        tenant_group.group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [("tenants", "0005_portal_question_permissions"), ("core", "0010_province_alerts")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
