from django.db import migrations

ACTIONS = {
    "editor": ["add", "change", "view"],
    "moderator": ["add", "change", "delete", "view"],
    "provincial_admin": ["add", "change", "delete", "view"],
}
MODELS = ("newscategory", "issuingbody")


def grant(apps, schema_editor):
    """Existing portals' groups may manage their own categories and issuing bodies."""
    TenantGroup = apps.get_model("tenants", "TenantGroup")
    Permission = apps.get_model("auth", "Permission")
    for tenant_group in TenantGroup.objects.select_related("group"):
        codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS.get(tenant_group.role, [])]
        tenant_group.group.permissions.add(
            *Permission.objects.filter(content_type__app_label="core", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0002_portal_workflows_and_no_stock_groups"),
        ("core", "0007_remove_homepage_slogan"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
