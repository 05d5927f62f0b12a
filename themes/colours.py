"""Brand colours an editor types, checked for the contrast WCAG 2.1 AA asks of text."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
DARK_TEXT = "#1d1d1d"
AA_NORMAL_TEXT = 4.5


def validate_hex_colour(value):
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(_("Nhập mã màu dạng #RRGGBB, ví dụ #b3131b."))


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def contrast_error(background: str, text: str, text_name: str) -> ValidationError | None:
    """An error naming the ratio if text on this background is too faint to read
    (None when it is readable, or when the colour is malformed: its own validator says so)."""
    if not HEX_COLOUR.match(background or ""):
        return None
    ratio = contrast_ratio(background, text)
    if ratio >= AA_NORMAL_TEXT:
        return None
    return ValidationError(
        _(
            "Chữ %(text)s trên màu này chỉ đạt độ tương phản %(ratio)s:1; cần tối thiểu 4,5:1 "
            "để người nhìn kém đọc được (WCAG 2.1 AA). Hãy chọn màu %(hint)s hơn."
        ),
        params={
            "text": text_name,
            "ratio": f"{ratio:.1f}".replace(".", ","),
            "hint": _("đậm") if text == WHITE else _("sáng"),
        },
    )
