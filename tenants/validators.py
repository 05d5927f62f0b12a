"""Validation of portal hostnames and slugs, shared by the model and create_tenant."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# One DNS label: letters, digits and inner hyphens, at most 63 characters.
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$")


def normalize_hostname(value: str) -> str:
    """Lower-case, strip a trailing dot, and turn a Unicode name into its IDNA form."""
    value = (value or "").strip().rstrip(".").lower()
    try:
        return value.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise ValidationError(
            _("“%(value)s” không phải tên miền hợp lệ (%(reason)s).") % {"value": value, "reason": exc}
        ) from exc


def validate_hostname(value: str) -> None:
    """A bare hostname such as dateh.lamdong.gov.vn: no scheme, port, path or wildcard."""
    if not value:
        raise ValidationError(_("Cần nhập tên miền."))
    if len(value) > 253:
        raise ValidationError(_("“%(value)s…” quá dài cho một tên miền (tối đa 253 ký tự).") % {"value": value[:40]})
    if any(ch in value for ch in "/:@*?# "):
        raise ValidationError(
            _(
                "“%(value)s” không phải tên miền trần: nhập không kèm giao thức, cổng, đường dẫn hay ký tự đại diện, "
                "ví dụ dateh.lamdong.gov.vn."
            )
            % {"value": value}
        )
    labels = value.split(".")
    if not all(_LABEL.match(label) for label in labels):
        raise ValidationError(
            _(
                "“%(value)s” không phải tên miền hợp lệ: chỉ dùng chữ cái, chữ số, dấu gạch ngang và dấu chấm, ví dụ dateh.lamdong.gov.vn."
            )
            % {"value": value}
        )
    if labels[-1].isdigit():
        raise ValidationError(_("“%(value)s” giống một địa chỉ IP; cổng cần có tên miền.") % {"value": value})


def validate_slug(value: str) -> None:
    if not SLUG_PATTERN.match(value or ""):
        raise ValidationError(
            _(
                "“%(value)s” không phải mã cổng hợp lệ: dùng 1–50 chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ dateh."
            )
            % {"value": value}
        )
