from django.contrib.auth.management import create_permissions
from django.db import migrations

ACTIONS = {
    "moderator": ["view_question", "change_question"],
    "provincial_admin": ["view_question", "change_question", "delete_question"],
}


def grant(apps, schema_editor):
    """Existing portals' moderators and provincial admins answer citizens' questions."""
    citizens = apps.get_app_config("citizens")
    citizens.models_module = True  # the permissions are made after migrating otherwise
    create_permissions(citizens, apps=apps, verbosity=0)
    citizens.models_module = None
    TenantGroup = apps.get_model("tenants", "TenantGroup")
    Permission = apps.get_model("auth", "Permission")
    for tenant_group in TenantGroup.objects.filter(role__in=ACTIONS).select_related("group"):
        tenant_group.group.permissions.add(
            *Permission.objects.filter(content_type__app_label="citizens", codename__in=ACTIONS[tenant_group.role])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0004_portal_translation_permission"),
        ("citizens", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
