"""A tenant is one portal: the province's, a district's, later a commune's.

Each is bound one-to-one to a Wagtail Site (its hostname and root home page) and to a
Collection for its images and documents. Aliases are extra hostnames that redirect to
the primary one.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import Role
from .validators import normalize_hostname, validate_hostname, validate_slug


class Tenant(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", _("Tỉnh / Thành phố")
        DISTRICT = "district", _("Huyện / Quận / Thị xã")
        COMMUNE = "commune", _("Xã / Phường / Đặc khu")

    # Which levels a parent may have, by the child's level. Since 1 July 2025 local
    # government has two levels: communes (xã, phường, đặc khu) sit directly under the
    # province; districts remain for provinces and archives that still need them.
    PARENT_LEVEL = {Level.DISTRICT: (Level.PROVINCE,), Level.COMMUNE: (Level.PROVINCE, Level.DISTRICT)}

    name = models.CharField(_("tên cổng"), max_length=120, help_text=_("Ví dụ: Đạ Tẻh"))
    slug = models.SlugField(
        _("mã cổng"),
        max_length=50,
        unique=True,
        validators=[validate_slug],
        help_text=_("Mã ngắn không dấu, dùng trong lệnh quản trị. Ví dụ: dateh"),
    )
    level = models.CharField(_("cấp hành chính"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cổng cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Cổng của tỉnh đối với một huyện; của huyện đối với một xã."),
    )
    hostname = models.CharField(
        _("tên miền chính"),
        max_length=253,
        unique=True,
        validators=[validate_hostname],
        help_text=_("Không kèm http:// hay cổng. Ví dụ: dateh.lamdong.gov.vn"),
    )
    site = models.OneToOneField("wagtailcore.Site", on_delete=models.PROTECT, related_name="tenant", editable=False)
    collection = models.OneToOneField(
        "wagtailcore.Collection", on_delete=models.PROTECT, related_name="tenant", editable=False
    )
    is_active = models.BooleanField(
        _("đang hoạt động"),
        default=True,
        help_text=_("Cổng ngừng hoạt động trả về 404 cho mọi yêu cầu tới tên miền của nó."),
    )
    # An archive (a district dissolved in the 2025 reform, say) is still served, with a
    # «Trang lưu trữ» banner, but nobody edits it any more (tenants.archiving).
    archived_at = models.DateTimeField(_("lưu trữ từ"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cổng thông tin")
        verbose_name_plural = _("cổng thông tin")
        ordering = ["level", "name"]

    def __str__(self):
        return self.name

    @property
    def home_page(self):
        return self.site.root_page

    def clean(self):
        self.hostname = normalize_hostname(self.hostname)
        expected = self.PARENT_LEVEL.get(self.level, ())
        if self.parent_id is None:
            return
        if self.parent_id == self.pk:
            raise ValidationError({"parent": _("Một cổng không thể là cấp trên của chính nó.")})
        if self.parent.level not in expected:
            raise ValidationError(
                {"parent": _("Cổng cấp %(level)s không thể thuộc cổng này.") % {"level": self.get_level_display()}}
            )

    def ancestors(self):
        """This portal's parent, grandparent…, nearest first."""
        node, chain = self.parent, []
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class TenantAlias(models.Model):
    """Another hostname of a portal (an old domain, a www. form): answers with a 301."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="aliases")
    hostname = models.CharField(_("tên miền phụ"), max_length=253, unique=True, validators=[validate_hostname])

    class Meta:
        verbose_name = _("tên miền phụ")
        verbose_name_plural = _("tên miền phụ")
        ordering = ["hostname"]

    def __str__(self):
        return self.hostname


class TenantGroup(models.Model):
    """The auth Group that holds one role on one portal (created by provisioning)."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="groups")
    role = models.CharField(max_length=32, choices=Role.choices)
    group = models.OneToOneField("auth.Group", on_delete=models.CASCADE, related_name="tenant_role")

    class Meta:
        verbose_name = _("nhóm quyền của cổng")
        verbose_name_plural = _("nhóm quyền của cổng")
        constraints = [models.UniqueConstraint(fields=["tenant", "role"], name="one_group_per_role")]

    def __str__(self):
        return f"{self.tenant}: {self.get_role_display()}"
