from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.demo_content import DEMO_PASSWORD, DISTRICTS, PROVINCE, fixture_article
from core.demo_content.builder import build_district, build_province
from tenants.provisioning import ProvisioningError, TenantSpec, provision_tenant
from tenants.roles import Role


class Command(BaseCommand):
    help = (
        "Build the demo province: the Lâm Đồng portal, the districts Đạ Tẻh, Cát Tiên and "
        "Đạ Huoai, their demo logins and content. Safe to run again: what exists is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Port the demo is served on (default 8000).")

    def handle(self, *args, port, **opts):
        article = fixture_article()
        try:
            with transaction.atomic():
                province = self._portal(PROVINCE, port, level="province")
                districts = [self._portal(d, port, parent=province.slug) for d in DISTRICTS]
                build_province(province, province.site.root_url)
                for district in districts:
                    build_district(district, province.site.root_url, province, article)
                logins = [self._user("tinh.quantri", "Quản trị", "tỉnh Lâm Đồng", province, Role.PROVINCIAL_ADMIN)]
                for district in districts:
                    logins.append(
                        self._user(f"{district.slug}.bientap", "Biên tập viên", district.name, district, Role.EDITOR)
                    )
                    logins.append(
                        self._user(
                            f"{district.slug}.kiemduyet", "Kiểm duyệt viên", district.name, district, Role.MODERATOR
                        )
                    )
        except ProvisioningError as exc:
            raise CommandError(f"Refused: {exc}") from None

        self.stdout.write("\nDemo portals:")
        for tenant in [province, *districts]:
            self.stdout.write(f"  {tenant.name:<10} {tenant.site.root_url}/")
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}), admin at <portal>/admin/:")
        for username, role in logins:
            self.stdout.write(f"  {username:<18} {role}")

    def _portal(self, data, port, level="district", parent=None):
        return provision_tenant(TenantSpec(level=level, parent=parent, port=port, **data)).tenant

    def _user(self, username, role_label, place, tenant, role):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": role_label, "last_name": place, "email": f"{username}@example.invalid"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(tenant.groups.get(role=role).group)
        return username, f"{role.label}, {tenant.name}"
