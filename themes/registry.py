"""The built-in themes. A theme is chosen by name from this registry only: a name from
the database or a request never becomes a filesystem path, whatever it holds."""

from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

THEMES_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Theme:
    name: str
    label: str
    description: str
    brand: str  # header background, read with white text
    accent: str  # slogan banner background, read with dark text

    @property
    def template_dir(self) -> Path:
        return THEMES_DIR / self.name / "templates"

    @property
    def static_dir(self) -> Path:
        return THEMES_DIR / self.name / "static"

    @property
    def stylesheet(self) -> str:
        return f"themes/{self.name}/theme.css"


THEMES = {
    theme.name: theme
    for theme in (
        Theme(
            "classic",
            _("Cổ điển (đỏ – vàng)"),
            _("Băng rôn đỏ viền vàng, Quốc huy bên trái tên cổng: kiểu cổng thông tin cơ quan Đảng, Nhà nước."),
            brand="#b3131b",
            accent="#f4c430",
        ),
        Theme(
            "modern",
            _("Hiện đại (sáng)"),
            _("Nền trắng, thanh điều hướng gọn, màu thương hiệu làm điểm nhấn."),
            brand="#0b5394",
            accent="#ffd966",
        ),
        Theme(
            "contrast",
            _("Tương phản cao"),
            _("Chữ vàng và trắng trên nền đen, cỡ chữ lớn: cho người nhìn kém."),
            brand="#000000",
            accent="#ffff00",
        ),
    )
}
DEFAULT_THEME = "classic"


def get_theme(name: str | None) -> Theme:
    """The theme of that name, or the default one for anything unknown."""
    return THEMES.get(name or "", THEMES[DEFAULT_THEME])


def theme_choices():
    return [(theme.name, theme.label) for theme in THEMES.values()]


def validate_theme_name(value):
    if value not in THEMES:
        raise ValidationError(
            _("Không có giao diện «%(name)s». Chọn một trong: %(names)s."),
            params={"name": value, "names": ", ".join(THEMES)},
        )
