from django.contrib.auth.management import create_permissions
from django.db import migrations

ACTIONS = {
    "moderator": ["view_draftcomment", "change_draftcomment"],
    "provincial_admin": ["view_draftcomment", "change_draftcomment", "delete_draftcomment"],
}


def grant(apps, schema_editor):
    """Existing portals' moderators and provincial admins moderate comments on drafts."""
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
        ("tenants", "0008_communes_under_provinces"),
        ("citizens", "0002_draft_consultation"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
