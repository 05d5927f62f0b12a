"""Validation of portal hostnames and slugs, shared by the model and create_tenant."""

import re

from django.core.exceptions import ValidationError

# One DNS label: letters, digits and inner hyphens, at most 63 characters.
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$")


def normalize_hostname(value: str) -> str:
    """Lower-case, strip a trailing dot, and turn a Unicode name into its IDNA form."""
    value = (value or "").strip().rstrip(".").lower()
    try:
        return value.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise ValidationError(f"“{value}” is not a valid hostname ({exc}).") from exc


def validate_hostname(value: str) -> None:
    """A bare hostname such as dateh.lamdong.gov.vn: no scheme, port, path or wildcard."""
    if not value:
        raise ValidationError("A hostname is required.")
    if len(value) > 253:
        raise ValidationError(f"“{value[:40]}…” is too long for a hostname (253 characters at most).")
    if any(ch in value for ch in "/:@*?# "):
        raise ValidationError(
            f"“{value}” is not a bare hostname: give it without scheme, port, path or wildcard, "
            "e.g. dateh.lamdong.gov.vn."
        )
    labels = value.split(".")
    if not all(_LABEL.match(label) for label in labels):
        raise ValidationError(
            f"“{value}” is not a valid hostname: use letters, digits, hyphens and dots, e.g. dateh.lamdong.gov.vn."
        )
    if labels[-1].isdigit():
        raise ValidationError(f"“{value}” looks like an IP address; a portal needs a hostname.")


def validate_slug(value: str) -> None:
    if not SLUG_PATTERN.match(value or ""):
        raise ValidationError(
            f"“{value}” is not a valid slug: use 1–50 lower-case ASCII letters, digits and hyphens, e.g. dateh."
        )
