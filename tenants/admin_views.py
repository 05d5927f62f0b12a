"""«Thêm cổng»: provincial admins create the portals of their province from the admin.

The form only offers parents the user administers (their province, or a district of it);
provisioning validates everything else and creates the portal in one
transaction, so a refused request creates nothing and says why.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .models import Tenant, TenantGroup
from .provisioning import ProvisioningError, TenantSpec, provision_tenant
from .roles import Role
from .visibility import scope_for


def administered_provinces(user) -> list[int]:
    """The provinces where this user is a provincial admin."""
    return list(
        TenantGroup.objects.filter(group__user=user, role=Role.PROVINCIAL_ADMIN).values_list("tenant_id", flat=True)
    )


def parents_for(user):
    """Portals under which this user may create one: the provinces where they are a
    provincial admin (communes, or districts) and those provinces' districts (communes).
    Superusers: every province and district."""
    portals = Tenant.objects.exclude(level=Tenant.Level.COMMUNE)
    if scope_for(user).everything:
        return portals
    provinces = administered_provinces(user)
    return portals.filter(Q(pk__in=provinces) | Q(parent_id__in=provinces))


def may_add_portals(user) -> bool:
    return user.is_authenticated and (user.is_superuser or parents_for(user).exists())


class AddPortalForm(forms.Form):
    name = forms.CharField(label=_("Tên cổng"), max_length=120, help_text=_("Ví dụ: Bảo Lâm"))
    slug = forms.CharField(label=_("Mã cổng"), max_length=50, help_text=_("Chữ thường không dấu, ví dụ: baolam"))
    hostname = forms.CharField(label=_("Tên miền"), max_length=253, help_text=_("Ví dụ: baolam.lamdong.gov.vn"))
    parent = forms.ModelChoiceField(label=_("Thuộc cổng"), queryset=Tenant.objects.none())
    level = forms.ChoiceField(
        label=_("Cấp hành chính"),
        choices=[
            (Tenant.Level.COMMUNE, Tenant.Level.COMMUNE.label),
            (Tenant.Level.DISTRICT, Tenant.Level.DISTRICT.label),
        ],
        initial=Tenant.Level.COMMUNE,
        help_text=_("Từ 1/7/2025: xã, phường, đặc khu thuộc thẳng tỉnh. Cấp huyện chỉ dùng khi tỉnh còn cần."),
    )
    aliases = forms.CharField(
        label=_("Tên miền phụ"), required=False, help_text=_("Mỗi tên một dòng; chuyển hướng về tên miền chính.")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents_for(user)


def add_portal(request):
    if not may_add_portals(request.user):
        raise PermissionDenied
    form = AddPortalForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        parent = data["parent"]
        spec = TenantSpec(
            name=data["name"],
            slug=data["slug"],
            hostname=data["hostname"],
            parent=parent.slug,
            level=data["level"],
            aliases=[line.strip() for line in data["aliases"].splitlines() if line.strip()],
        )
        try:
            result = provision_tenant(spec)
        except ProvisioningError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            if result.created:
                messages.success(request, _("Đã tạo cổng «%(name)s».") % {"name": result.tenant.name})
            else:
                messages.info(request, _("Cổng «%(name)s» đã có sẵn.") % {"name": result.tenant.name})
            return redirect("tenants_add_portal")
    return TemplateResponse(
        request,
        "tenants/add_portal.html",
        {"form": form, "page_title": _("Thêm cổng thông tin")},
        status=400 if request.method == "POST" else 200,
    )
