from django.db import migrations

ROLES = ("moderator", "provincial_admin")


def grant(apps, schema_editor):
    """Portals created before theme settings existed: their moderators (and the
    province's administrators, on every portal below it) may edit their look."""
    TenantGroup = apps.get_model("tenants", "TenantGroup")
    if not TenantGroup.objects.filter(role__in=ROLES).exists():
        return  # a new database: provisioning grants it to every portal it creates
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    Tenant = apps.get_model("tenants", "Tenant")
    # Django creates permissions after all migrations have run; this one is needed now.
    content_type, _ = ContentType.objects.get_or_create(app_label="themes", model="themesettings")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="change_themesettings", defaults={"name": "Can change cài đặt giao diện"}
    )

    def below(tenant):
        children = list(Tenant.objects.filter(parent_id=tenant.pk))
        return children + [grandchild for child in children for grandchild in below(child)]

    for tenant_group in TenantGroup.objects.filter(role__in=ROLES).select_related("tenant"):
        portals = [tenant_group.tenant]
        if tenant_group.role == "provincial_admin":
            portals += below(tenant_group.tenant)
        for portal in portals:
            GroupSitePermission.objects.get_or_create(
                group_id=tenant_group.group_id, site_id=portal.site_id, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("themes", "0001_initial"),
        ("tenants", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
