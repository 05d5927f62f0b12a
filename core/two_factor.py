"""Two-factor sign-in for the people who publish, for the roles in
ADMIN_TWO_FACTOR_ROLES (moderators and provincial admins by default; superusers always
when it is on): after the password, a passkey or security key (WebAuthn,
core.passkeys) or a code from an authenticator app (TOTP, django-otp).

Until such a person has a second factor, every admin page sends them to the set-up
page; once they have one, every new session asks for it before anything else. The
app's secret is shown as a QR code drawn here (segno), never sent to a third-party
service. «Xác thực hai bước» in the account menu lists both kinds, adds and removes.
"""

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenants.models import TenantGroup

from .models import Passkey
from .passkeys import keys_here, relying_party_id

SETUP, VERIFY, DEVICES = "core_two_factor_setup", "core_two_factor_verify", "core_two_factor_devices"
# The passkey ceremonies check for themselves that adding a key to an account that has
# a second factor needs this session to have given it (django-otp-webauthn).
PASSKEY_VIEWS = {
    "otp_webauthn:credential-registration-begin",
    "otp_webauthn:credential-registration-complete",
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "otp_webauthn:js-i18n-catalog",
}
EXEMPT_VIEWS = {
    SETUP,
    VERIFY,
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    # The admin's icons: fetched by every admin page, these two included, and put into it.
    "wagtailadmin_sprite",
    *PASSKEY_VIEWS,
}


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
        target = VERIFY if has_second_factor(request.user) else SETUP
        return redirect(f"{reverse(target)}?next={request.get_full_path()}")


def has_second_factor(user) -> bool:
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or Passkey.objects.filter(user=user, confirmed=True).exists()
    )


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
    """A first second factor: a passkey made here, or an authenticator app shown as a QR
    code and confirmed with a first code. Later, from the list, an app beside the keys."""
    if has_second_factor(request.user) and not request.user.is_verified():
        # Whoever has only the password must not add a factor of their own choosing.
        return redirect(f"{reverse(VERIFY)}?next={_next(request)}")
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect(reverse(DEVICES))
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
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
        "next": _next(request),
        "host": relying_party_id(request),
        "first_factor": not has_second_factor(request.user),
    }
    return TemplateResponse(request, "core/admin/two_factor_setup.html", context, status=400 if form.errors else 200)


def verify(request):
    """This session's second factor, after the password: a key of this host, or a code."""
    form = CodeForm(request.POST or None)
    has_app = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    has_key = keys_here(request.user, request).exists()
    if request.method == "POST" and form.is_valid():
        for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
            if device.verify_token(form.cleaned_data["code"].strip()):
                otp_login(request, device)
                return redirect(_next(request))
        form.add_error("code", _("Mã không đúng hoặc đã hết hạn; hãy nhập mã đang hiện trong ứng dụng."))
    context = {
        "form": form,
        "page_title": _("Xác thực hai bước"),
        "next": _next(request),
        "has_app": has_app,
        "has_key": has_key,
        # Keys made on other portals' hosts do not work here: say where they do.
        "key_hosts": [] if has_app or has_key else _key_hosts(request),
    }
    return TemplateResponse(request, "core/admin/two_factor_verify.html", context, status=400 if form.errors else 200)


def _key_hosts(request) -> list[dict]:
    """The hosts the user's keys were made on, each with its admin's address."""
    port = request.get_host().partition(":")[2]
    hosts = Passkey.objects.filter(user=request.user, confirmed=True).values_list("rp_id", flat=True)
    return [
        {"host": host, "url": f"{request.scheme}://{host}{':' + port if port else ''}/admin/"}
        for host in sorted(set(hosts))
    ]


def devices(request):
    """The user's own second factors: where each key works, when it was last used; add a
    key for this host, add an app, remove one (never the last one while it is required)."""
    user = request.user
    if request.method == "POST":
        kind = request.POST.get("kind")
        model = {"key": Passkey, "app": TOTPDevice}.get(kind)
        if model is None:
            messages.error(request, _("Không rõ cần gỡ gì; hãy bấm lại nút «Gỡ» của mục đó."))
            return redirect(reverse(DEVICES))
        device = get_object_or_404(model, pk=request.POST.get("id"), user=user, confirmed=True)
        others = (Passkey.objects.filter(user=user, confirmed=True).count()) + (
            TOTPDevice.objects.filter(user=user, confirmed=True).count()
        )
        if others <= 1 and required_for(user):
            messages.error(
                request,
                _(
                    "Không gỡ được phương thức cuối cùng: tài khoản của bạn bắt buộc xác thực hai bước. Hãy thêm phương thức khác trước."
                ),
            )
            return redirect(reverse(DEVICES))
        was_this_sessions = device.persistent_id == getattr(getattr(user, "otp_device", None), "persistent_id", None)
        device.delete()
        if was_this_sessions:
            # This session stays verified: it gave a factor the account still has others of.
            remaining = (
                Passkey.objects.filter(user=user, confirmed=True).first()
                or TOTPDevice.objects.filter(user=user, confirmed=True).first()
            )
            if remaining is not None:
                otp_login(request, remaining)
        messages.success(request, _("Đã gỡ «%(name)s».") % {"name": device.name})
        return redirect(reverse(DEVICES))
    context = {
        "page_title": _("Xác thực hai bước"),
        "host": relying_party_id(request),
        "keys": Passkey.objects.filter(user=user, confirmed=True).order_by("rp_id", "created_at"),
        "apps": TOTPDevice.objects.filter(user=user, confirmed=True),
        "next": reverse(DEVICES),
    }
    return TemplateResponse(request, "core/admin/two_factor_devices.html", context)
