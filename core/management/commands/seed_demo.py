from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.demo_content import DEMO_PASSWORD, DISTRICTS, PROVINCE, fixture_article
from core.demo_content.builder import build_district, build_province, carry_over_old_counters, fill_in_bulk
from core.demo_content.english import translate_portal
from core.page_cache.invalidation import invalidate
from tenants.provisioning import ProvisioningError, TenantSpec, provision_tenant
from tenants.roles import Role


class Command(BaseCommand):
    _password_hash = None

    help = (
        "Build the demo province: the Lâm Đồng portal, the districts Đạ Tẻh, Cát Tiên and "
        "Đạ Huoai, their demo logins and content. Safe to run again: what exists is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Port the demo is served on (default 8000).")
        parser.add_argument(
            "--tenants",
            type=int,
            default=len(DISTRICTS),
            help="Number of district portals (default 3; more are generated).",
        )
        parser.add_argument(
            "--articles", type=int, default=0, help="Make sure every district has this many news articles."
        )
        parser.add_argument("--directives", type=int, default=0, help="Make sure the province has this many documents.")

    def handle(self, *args, port, tenants, articles, directives, **opts):
        if not 1 <= tenants <= 999 or articles < 0 or directives < 0:
            raise CommandError("--tenants must be 1–999; --articles and --directives must not be negative.")
        article = fixture_article()
        extra = [
            {"name": f"Huyện mẫu {n:03d}", "slug": f"huyen{n:03d}", "hostname": f"huyen{n:03d}.localhost"}
            for n in range(len(DISTRICTS) + 1, tenants + 1)
        ]
        try:
            with transaction.atomic():
                province, districts = self._portals(port, [*DISTRICTS[:tenants], *extra], article)
                logins = self._logins(province, districts)
        except ProvisioningError as exc:
            raise CommandError(f"Refused: {exc}") from None
        if articles or directives:
            fill_in_bulk(province, districts, articles, directives, self.stderr)
        # Bulk inserts send no page signals: drop what readers were served before.
        invalidate([province.pk, *(district.pk for district in districts)], purge=True)

        self.stdout.write("\nDemo portals:")
        for tenant in [province, *districts][:10]:
            self.stdout.write(f"  {tenant.name:<10} {tenant.site.root_url}/")
        if len(districts) > 9:
            self.stdout.write(f"  … and {len(districts) - 9} more districts")
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}), admin at <portal>/admin/:")
        for username, role in logins:
            self.stdout.write(f"  {username:<18} {role}")

    def _portals(self, port, district_data, article):
        province = self._portal(PROVINCE, port, level="province")
        districts = [self._portal(d, port, parent=province.slug) for d in district_data]
        build_province(province, province.site.root_url)
        for district in districts:
            build_district(district, province.site.root_url, province, article)
            if district.slug == "dateh":
                carry_over_old_counters(district, article)
        # English for the law's minimum (Decree 42): the demo portals' homes and
        # organisation pages, through wagtail-localize as a translator would.
        for portal in [province, *districts[: len(DISTRICTS)]]:
            translate_portal(portal)
        return province, districts

    def _logins(self, province, districts):
        logins = [self._user("tinh.quantri", "Quản trị", "tỉnh Lâm Đồng", province, Role.PROVINCIAL_ADMIN)]
        for district in districts:
            logins.append(self._user(f"{district.slug}.bientap", "Biên tập viên", district.name, district, Role.EDITOR))
            logins.append(
                self._user(f"{district.slug}.kiemduyet", "Kiểm duyệt viên", district.name, district, Role.MODERATOR)
            )
        return logins

    def _portal(self, data, port, level="district", parent=None):
        return provision_tenant(TenantSpec(level=level, parent=parent, port=port, **data)).tenant

    def _user(self, username, role_label, place, tenant, role):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": role_label, "last_name": place, "email": f"{username}@example.invalid"},
        )
        if created:
            # One hash for every demo login: hashing is deliberately slow, and a large
            # demo province has hundreds of logins with the same password.
            if self._password_hash is None:
                self._password_hash = make_password(DEMO_PASSWORD)
            user.password = self._password_hash
            user.save(update_fields=["password"])
        user.groups.add(tenant.groups.get(role=role).group)
        return username, f"{role.label}, {tenant.name}"
