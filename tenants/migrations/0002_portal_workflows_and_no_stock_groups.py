from django.db import migrations

STOCK_GROUPS = ("Editors", "Moderators")


def portal_workflows(apps, schema_editor):
    """Portals created before each had its own moderation workflow get one; Wagtail's
    stock "Editors" and "Moderators" groups, which hold rights on the whole tree and
    every collection, are removed so nobody can be put in them by mistake."""
    Tenant = apps.get_model("tenants", "Tenant")
    TenantGroup = apps.get_model("tenants", "TenantGroup")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    for tenant in Tenant.objects.select_related("site"):
        if WorkflowPage.objects.filter(page_id=tenant.site.root_page_id).exists():
            continue
        moderators = TenantGroup.objects.filter(tenant=tenant, role="moderator").first()
        task = GroupApprovalTask.objects.create(
            name=f"Kiểm duyệt {tenant.name} ({tenant.slug})", content_type=task_type, active=True
        )
        if moderators:
            task.groups.add(moderators.group_id)
        workflow = Workflow.objects.create(name=f"Quy trình duyệt bài {tenant.name} ({tenant.slug})", active=True)
        WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)
        WorkflowPage.objects.create(workflow=workflow, page_id=tenant.site.root_page_id)
    Group.objects.filter(name__in=STOCK_GROUPS, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(portal_workflows, migrations.RunPython.noop)]
