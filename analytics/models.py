"""What the counters become in SQL, once a minute (see analytics.flush).

Redis holds the live deltas; these tables hold the truth. Every flush is applied in
one transaction together with its FlushRecord, so a flush id is applied at most once.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageViewTotal(models.Model):
    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    page_id = models.PositiveBigIntegerField(db_index=True)
    views = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("lượt xem của trang")
        constraints = [models.UniqueConstraint(fields=["tenant", "page_id"], name="one_total_per_page")]

    def __str__(self):
        return f"page {self.page_id}: {self.views}"


class PageDayViews(models.Model):
    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    page_id = models.PositiveBigIntegerField()
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant", "page_id", "day"], name="one_row_per_page_day")]
        indexes = [models.Index(fields=["tenant", "day"])]

    def __str__(self):
        return f"page {self.page_id} on {self.day}: {self.views}"


class PortalDayStats(models.Model):
    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    visits = models.PositiveIntegerField(default=0)
    page_views = models.PositiveIntegerField(default=0)
    unique_visitors = models.PositiveIntegerField(default=0)
    # The day's HyperLogLog as Redis keeps it (registers, not visitors), so a Redis that
    # lost its data merges it back instead of restarting the day's count from zero.
    # Dropped after two days, with the day's salt.
    visitor_sketch = models.BinaryField(null=True, editable=False)

    class Meta:
        verbose_name = _("thống kê ngày của cổng")
        constraints = [models.UniqueConstraint(fields=["tenant", "day"], name="one_row_per_portal_day")]

    def __str__(self):
        return f"{self.tenant_id} on {self.day}: {self.visits} visits"


class VisitBaseline(models.Model):
    """Figures carried over from a portal's old site, so its counter does not restart.
    The period figures count for the period they were taken in (week, month, year)."""

    tenant = models.OneToOneField("tenants.Tenant", on_delete=models.CASCADE, related_name="visit_baseline")

    total = models.PositiveBigIntegerField(_("tổng lượt truy cập"), default=0)
    year = models.PositiveIntegerField(_("năm"), null=True)
    year_visits = models.PositiveBigIntegerField(default=0)
    month = models.CharField(max_length=7, blank=True)  # 2026-11
    month_visits = models.PositiveBigIntegerField(default=0)
    week = models.CharField(max_length=8, blank=True)  # 2026-W48
    week_visits = models.PositiveBigIntegerField(default=0)
    set_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.tenant_id}: {self.total}"


class FlushRecord(models.Model):
    """One applied flush: its id makes replaying the same claim a no-op."""

    flush_id = models.CharField(max_length=36, unique=True)

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    applied_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return self.flush_id


class PendingView(models.Model):
    """A view recorded while Redis was down; replayed into Redis when it returns."""

    event_id = models.CharField(max_length=32, unique=True)

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    page_id = models.PositiveBigIntegerField(null=True)
    visitor = models.CharField(max_length=32)  # the salted hash, never an address
    occurred_at = models.DateTimeField()

    def __str__(self):
        return self.event_id


class DailySalt(models.Model):
    """The day's secret salt of visitor ids. Kept in SQL so every process, and a Redis
    that lost its data, hash a reader the same way all day; deleted after two days,
    after which nobody can tell whether two days' visitors were the same person."""

    day = models.DateField(unique=True)
    salt = models.CharField(max_length=32)

    def __str__(self):
        return str(self.day)


class PageUsefulness(models.Model):
    """Readers' answers to «Thông tin này có hữu ích không?» under a page, per day
    (analytics.usefulness): one answer per reader, page and day; nothing about who."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    page_id = models.PositiveBigIntegerField()
    day = models.DateField()
    useful = models.PositiveIntegerField(_("hữu ích"), default=0)
    not_useful = models.PositiveIntegerField(_("chưa hữu ích"), default=0)

    class Meta:
        verbose_name = _("đánh giá mức hữu ích của trang")
        constraints = [models.UniqueConstraint(fields=["tenant", "page_id", "day"], name="one_usefulness_per_page_day")]
        indexes = [models.Index(fields=["tenant", "day"], name="usefulness_tenant_day")]

    def __str__(self):
        return f"page {self.page_id} on {self.day}: {self.useful}/{self.not_useful}"
