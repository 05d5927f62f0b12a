"""Give existing portals the sections a new portal gets (core.sections): those made
before a section was required. Idempotent; --dry-run lists what would be created."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.models import HomePage
from core.sections import ensure_sections, missing_sections
from tenants.models import Tenant


class Command(BaseCommand):
    help = "Tạo các chuyên mục bắt buộc (Nghị định 42) còn thiếu ở các cổng."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="Chỉ các cổng này (mặc định: mọi cổng đang hoạt động).")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê, không tạo gì.")

    def handle(self, *args, slugs=(), dry_run=False, **options):
        tenants = Tenant.objects.filter(archived_at__isnull=True).select_related("site").order_by("slug")
        if slugs:
            tenants = tenants.filter(slug__in=slugs)
            unknown = sorted(set(slugs) - set(tenants.values_list("slug", flat=True)))
            if unknown:
                raise CommandError(f"Không có cổng đang hoạt động nào mang mã: {', '.join(unknown)}")
        for tenant in tenants:
            home = HomePage.objects.get(pk=tenant.site.root_page_id)
            if dry_run:
                missing = [slug for slug, *_ in missing_sections(home)]
            else:
                with transaction.atomic():
                    missing = ensure_sections(home)
            verb = "sẽ tạo" if dry_run else "đã tạo"
            self.stdout.write(f"{tenant.slug}: {verb} {', '.join(missing) if missing else 'không có gì'}")
