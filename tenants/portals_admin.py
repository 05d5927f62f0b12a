"""«Các cổng»: the provincial admin's screen for the portals of their province: list
them, rename, set aliases, turn off, archive or reopen, merge. Archiving and merging
show what will change (a dry run) and ask to confirm before doing it."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import archiving
from .admin_views import administered_provinces
from .merging import MergeError, merge
from .models import Tenant
from .provisioning import ProvisioningError, update_portal
from .visibility import scope_for


def manageable(user):
    """The provinces this user administers and every portal below them (superusers: all)."""
    portals = Tenant.objects.select_related("parent", "site").prefetch_related("aliases")
    if scope_for(user).everything:
        return portals
    provinces = administered_provinces(user)
    return portals.filter(Q(pk__in=provinces) | Q(parent_id__in=provinces) | Q(parent__parent_id__in=provinces))


def may_manage_portals(user) -> bool:
    return user.is_authenticated and (user.is_superuser or manageable(user).exists())


def _portal(request, slug) -> Tenant:
    if not may_manage_portals(request.user):
        raise PermissionDenied
    portal = manageable(request.user).filter(slug=slug).first()
    if portal is None:
        raise Http404(_("Không có cổng này trong tỉnh bạn quản trị."))
    return portal


def index(request):
    if not may_manage_portals(request.user):
        raise PermissionDenied
    portals = manageable(request.user).order_by("level", "name")
    return TemplateResponse(request, "tenants/portals_index.html", {"portals": portals, "page_title": _("Các cổng")})


class EditForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên cổng"), max_length=120)
    aliases = forms.CharField(
        label=gettext_lazy("Tên miền phụ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Mỗi tên một dòng; chuyển hướng (301) về tên miền chính."),
    )
    is_active = forms.BooleanField(
        label=gettext_lazy("Đang hoạt động"),
        required=False,
        help_text=gettext_lazy("Bỏ chọn: mọi địa chỉ của cổng trả về 404 (dùng khi cổng ngừng hẳn, không lưu trữ)."),
    )


def edit(request, slug):
    portal = _portal(request, slug)
    initial = {
        "name": portal.name,
        "aliases": "\n".join(a.hostname for a in portal.aliases.all()),
        "is_active": portal.is_active,
    }
    form = EditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        aliases = [line.strip() for line in data["aliases"].splitlines() if line.strip()]
        try:
            update_portal(portal, name=data["name"], aliases=aliases, is_active=data["is_active"])
        except ProvisioningError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Đã lưu cổng «%(name)s».") % {"name": data["name"]})
            return redirect("tenants_portals")
    context = {"form": form, "portal": portal, "page_title": _("Sửa cổng %(name)s") % {"name": portal.name}}
    return TemplateResponse(request, "tenants/portal_edit.html", context, status=400 if form.errors else 200)


def archive(request, slug):
    """GET: what archiving (or reopening) will change; POST: do it."""
    portal = _portal(request, slug)
    undo = portal.archived_at is not None
    try:
        found = archiving.plan(portal.slug, undo=undo)
    except archiving.ArchiveError as error:
        messages.error(request, str(error))
        return redirect("tenants_portals")
    if request.method == "POST":
        archiving.apply(found)
        done = _("Đã mở lại cổng «%(name)s».") if undo else _("Cổng «%(name)s» đã thành trang lưu trữ.")
        messages.success(request, done % {"name": portal.name})
        return redirect("tenants_portals")
    title = _("Mở lại cổng %(name)s") if undo else _("Lưu trữ cổng %(name)s")
    context = {"portal": portal, "lines": found.lines(), "undo": undo, "page_title": title % {"name": portal.name}}
    return TemplateResponse(request, "tenants/portal_archive.html", context)


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(label=gettext_lazy("Cổng còn lại (cổng đích)"), queryset=Tenant.objects.none())
    sources = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Các cổng sáp nhập vào"),
        queryset=Tenant.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Trang, ảnh, tài liệu, câu hỏi, người dùng và số liệu truy cập chuyển sang cổng đích."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        active = manageable(user).filter(archived_at__isnull=True, is_active=True).order_by("level", "name")
        self.fields["target"].queryset = active
        self.fields["sources"].queryset = active.exclude(level=Tenant.Level.PROVINCE)
        self.fields["target"].label_from_instance = self.fields["sources"].label_from_instance = lambda portal: (
            f"{portal.name} ({portal.hostname})"
        )


def merge_portals(request):
    """Choose, see the dry run's report, confirm: the merge runs only on «Sáp nhập»."""
    if not may_manage_portals(request.user):
        raise PermissionDenied
    form = MergeForm(request.POST or None, user=request.user)
    lines, status = [], 200
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"].slug
        sources = [portal.slug for portal in form.cleaned_data["sources"]]
        confirmed = request.POST.get("confirm") == "1"
        try:
            report = merge(target, sources, dry_run=not confirmed)
        except MergeError as error:
            form.add_error(None, str(error))
            status = 400
        else:
            if confirmed:
                messages.success(request, " ".join(report.lines()))
                return redirect("tenants_portals")
            lines = report.lines()
    elif request.method == "POST":
        status = 400
    context = {"form": form, "lines": lines, "page_title": _("Sáp nhập cổng")}
    return TemplateResponse(request, "tenants/portals_merge.html", context, status=status)
