"""An official's passkeys and security keys (WebAuthn), a second factor beside the
authenticator app. django-otp-webauthn's own models would do, except for one thing a
multi-portal deployment needs: a browser binds a key to the host it was made on (the
relying party ID), and every portal has its own host. So each key records that host,
is offered only there, and the official's key list says where each one works."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp_webauthn.models import AbstractWebAuthnAttestation, AbstractWebAuthnCredential


class Passkey(AbstractWebAuthnCredential):
    rp_id = models.CharField(
        _("địa chỉ"),
        max_length=253,
        db_index=True,
        help_text=_("Tên miền của cổng nơi khóa được tạo; khóa chỉ dùng được ở địa chỉ này."),
    )

    class Meta(AbstractWebAuthnCredential.Meta):
        verbose_name = _("khóa truy cập")
        verbose_name_plural = _("khóa truy cập")


class PasskeyAttestation(AbstractWebAuthnAttestation):
    """What the authenticator said about itself when the key was made (kept for audit)."""

    credential = models.OneToOneField(Passkey, on_delete=models.CASCADE, related_name="attestation")

    class Meta(AbstractWebAuthnAttestation.Meta):
        verbose_name = _("chứng thực khóa truy cập")
        verbose_name_plural = _("chứng thực khóa truy cập")
