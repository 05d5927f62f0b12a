"""Passkeys and security keys (WebAuthn, django-otp-webauthn) as the second factor,
beside the authenticator app of core.two_factor.

Every portal answers on its own hostname, and a browser binds a key to the host it
was made on (the relying party ID). So the relying party is the host in the address
bar, the only origin a ceremony may come from is that host, a key records it
(Passkey.rp_id), and only that host's keys are offered. The host has already passed
ALLOWED_HOSTS (tenants.hosts: registered portal hosts only) before any of this runs.
"""

from django.db.models import F
from django.utils.translation import gettext as _
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import as_credential_descriptors

from .models import Passkey


def relying_party_id(request) -> str:
    """The host without its port: what the browser compares the key's RP ID with."""
    return request.get_host().rsplit(":", 1)[0].lower()


def relying_party_name(request) -> str:
    """Shown by some browsers while a key is made: the portal's name."""
    tenant = getattr(request, "tenant", None)
    return tenant.name if tenant is not None else _("Cổng thông tin điện tử")


def keys_here(user, request):
    """The user's confirmed keys that work on this request's host, latest used first."""
    return Passkey.objects.filter(user=user, rp_id=relying_party_id(request), confirmed=True).order_by(
        F("last_used_at").desc(nulls_last=True)
    )


class PortalPasskeyHelper(WebAuthnHelper):
    def get_allowed_origins(self) -> list[str]:
        return [f"{self.request.scheme}://{self.request.get_host()}"]

    def get_generate_registration_options_kwargs(self, *, user) -> dict:
        options = super().get_generate_registration_options_kwargs(user=user)
        # The authenticator refuses to make a second key for the same account and host.
        options["exclude_credentials"] = as_credential_descriptors(keys_here(user, self.request))
        return options

    def get_generate_authentication_options_kwargs(self, *, user=None, require_user_verification: bool) -> dict:
        options = super().get_generate_authentication_options_kwargs(
            user=user, require_user_verification=require_user_verification
        )
        if user is not None:
            options["allow_credentials"] = as_credential_descriptors(keys_here(user, self.request))
        return options

    def create_credential(self, user, response, parsed_credential, original_data):
        key = super().create_credential(user, response, parsed_credential, original_data)
        key.rp_id = self.get_relying_party_domain()
        key.name = _("Khóa truy cập")
        return key
