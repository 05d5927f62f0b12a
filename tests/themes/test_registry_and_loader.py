"""The theme registry, the colour checks and the template lookup order, without a database."""

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import get_template

from themes import active
from themes.colours import contrast_error, contrast_ratio
from themes.loaders import theme_for
from themes.registry import DEFAULT_THEME, THEMES, get_theme, validate_theme_name


class FixedTheme(active.PortalTheme):
    """A portal whose settings name this theme (no database needed)."""

    def __init__(self, name):
        super().__init__(site_id=0)
        self.__dict__["theme"] = get_theme(name)


@pytest.fixture
def portal_theme():
    tokens = []

    def _use(name):
        tokens.append(active._current.set(FixedTheme(name)))

    yield _use
    for token in reversed(tokens):
        active._current.reset(token)


def test_three_builtin_themes_each_with_a_stylesheet():
    assert {"classic", "modern", "contrast"} <= set(THEMES)
    for theme in THEMES.values():
        assert (theme.static_dir / theme.stylesheet).is_file()


@pytest.mark.parametrize("name", ["", "nope", "../classic", "classic/../../etc", None])
def test_unknown_names_fall_back_to_the_default(name):
    assert get_theme(name).name == DEFAULT_THEME


def test_validation_names_the_choices():
    with pytest.raises(ValidationError) as error:
        validate_theme_name("../../etc")
    assert "classic, modern, contrast" in error.value.messages[0]


def test_contrast_ratio_matches_wcag():
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#767676", "#ffffff"), 2) == 4.54  # the lightest AA grey on white
    assert contrast_error("#767676", "#ffffff", "trắng") is None
    assert "4,5:1" in contrast_error("#777777", "#ffffff", "trắng").messages[0]
    assert contrast_error("not-a-colour", "#ffffff", "trắng") is None  # its own validator reports it


def test_a_theme_overrides_only_the_files_it_has(portal_theme):
    portal_theme("modern")
    mark = get_template("core/includes/portal_mark.html")
    assert "themes/modern/templates" in mark.origin.name
    footer = get_template("core/includes/site_footer.html")  # not in modern: the default one
    assert "core/templates" in footer.origin.name


def test_the_same_name_resolves_per_theme(portal_theme):
    portal_theme("contrast")
    assert "themes/contrast/templates" in get_template("core/includes/site_footer.html").origin.name
    portal_theme("classic")
    assert "core/templates/core" in get_template("core/includes/site_footer.html").origin.name


def test_admin_templates_are_never_themed(portal_theme):
    portal_theme("modern")
    assert theme_for("wagtailadmin/base.html") is None
    assert theme_for("core/includes/portal_mark.html").name == "modern"
