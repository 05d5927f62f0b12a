"""Two-factor sign-in for the people who publish: a code from an authenticator app
(TOTP, django-otp) after the password, for the roles in ADMIN_TWO_FACTOR_ROLES
(moderators and provincial admins by default; superusers always when it is on).

Until such a person has set up an app, every admin page sends them to the set-up
page; once set up, every new session asks for a code before anything else. The
secret is shown as a QR code drawn here (segno), never sent to a third-party service.
"""

import segno
from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenants.models import TenantGroup

SETUP, VERIFY = "core_two_factor_setup", "core_two_factor_verify"
EXEMPT_VIEWS = {SETUP, VERIFY, "wagtailadmin_login", "wagtailadmin_logout", "wagtailadmin_javascript_catalog"}


def required_for(user) -> bool:
    roles = settings.ADMIN_TWO_FACTOR_ROLES
    if not roles or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return TenantGroup.objects.filter(group__user=user, role__in=roles).exists()


class TwoFactorMiddleware:
    """After django-otp's middleware: an admin request of someone who needs a second
    factor and has not given one in this session goes to set-up or verification."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith("/admin/") or request.resolver_match is None:
            return None
        if request.resolver_match.view_name in EXEMPT_VIEWS or request.user.is_verified():
            return None
        if not required_for(request.user):
            return None
        has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
        return redirect(f"{reverse(VERIFY if has_device else SETUP)}?next={request.get_full_path()}")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=8,
        help_text=_("Sáu chữ số trong ứng dụng xác thực trên điện thoại của bạn."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next(request) -> str:
    target = request.GET.get("next", "")
    return target if target.startswith("/admin/") and not target.startswith("//") else reverse("wagtailadmin_home")


def setup(request):
    """Add an authenticator app: show its QR code, confirm with a first code."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
            return redirect(reverse(VERIFY))
        device = TOTPDevice.objects.create(user=request.user, name=_("Ứng dụng xác thực"), confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("code", _("Mã không đúng hoặc đã hết hạn; hãy nhập mã đang hiện trong ứng dụng."))
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "qr_svg": qr.svg_inline(scale=4, title=str(_("Mã QR thiết lập ứng dụng xác thực"))),
        "secret": device.config_url.split("secret=")[1].split("&")[0],
        "page_title": _("Thiết lập xác thực hai bước"),
    }
    return TemplateResponse(request, "core/admin/two_factor_setup.html", context, status=400 if form.errors else 200)


def verify(request):
    """The code of this session, after the password."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
            if device.verify_token(form.cleaned_data["code"].strip()):
                otp_login(request, device)
                return redirect(_next(request))
        form.add_error("code", _("Mã không đúng hoặc đã hết hạn; hãy nhập mã đang hiện trong ứng dụng."))
    context = {"form": form, "page_title": _("Xác thực hai bước")}
    return TemplateResponse(request, "core/admin/two_factor_verify.html", context, status=400 if form.errors else 200)
