"""Every catalog we ship is complete, and says so: our own strings (written in
Vietnamese) have an English translation, and every string of Wagtail and
wagtail-localize we use has a Vietnamese one. Run with -s for the counts."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib

from .admin_text import SITE_PACKAGES

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "core" / "locale"
OUR_APPS = ["core", "citizens", "tenants", "blocks", "analytics", "themes", "operations"]
WAGTAIL_APPS = [
    "wagtail/admin",
    "wagtail",
    "wagtail/images",
    "wagtail/documents",
    "wagtail/snippets",
    "wagtail/users",
    "wagtail/contrib/settings",
    "wagtail/contrib/forms",
    "wagtail/contrib/redirects",
    "wagtail/contrib/table_block",
    "wagtail/contrib/typed_table_block",
    "wagtail/search",
    "wagtail/sites",
    "wagtail/locales",
    "wagtail/embeds",
    "wagtail_localize",
    "wagtail_localize/locales",
]


def _key(entry):
    return entry.msgctxt, entry.msgid


def _translated(catalog: Path) -> set:
    return {_key(e) for e in polib.pofile(str(catalog)) if e.translated()}


def our_msgids(tmp_path) -> set:
    """Our strings as makemessages finds them today, in a copy of the apps (so the
    catalogs in the tree are not touched)."""
    for app in OUR_APPS:
        shutil.copytree(
            ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("locale", "migrations", "__pycache__")
        )
    (tmp_path / "locale").mkdir()
    subprocess.run(
        [str(Path(sys.executable).parent / "django-admin"), "makemessages", "-l", "en", "--no-location"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    return {_key(e) for e in polib.pofile(str(tmp_path / "locale/en/LC_MESSAGES/django.po")) if e.msgid}


def test_every_string_of_ours_has_an_english_translation(tmp_path, capsys):
    ours = our_msgids(tmp_path)
    missing = ours - _translated(LOCALE / "en/LC_MESSAGES/django.po")
    with capsys.disabled():
        print(f"\nen (our strings): {len(ours) - len(missing)} of {len(ours)} translated")
    assert not missing, f"{len(missing)} strings with no English: " + "; ".join(m for _, m in sorted(missing)[:20])


def test_every_wagtail_string_we_use_has_a_vietnamese_translation(capsys):
    for domain in ("django", "djangojs"):
        source = set()
        for app in WAGTAIL_APPS:
            catalog = SITE_PACKAGES / app / "locale/en/LC_MESSAGES" / f"{domain}.po"
            if catalog.exists():
                source |= {_key(e) for e in polib.pofile(str(catalog)) if not e.obsolete}
        missing = source - _translated(LOCALE / f"vi/LC_MESSAGES/{domain}.po")
        with capsys.disabled():
            print(f"\nvi ({domain}, Wagtail and wagtail-localize): {len(source) - len(missing)} of {len(source)}")
        assert not missing, f"{domain}: {len(missing)} with no Vietnamese: {sorted(m for _, m in missing)[:20]}"


def test_the_compiled_catalogs_match_their_sources():
    for po_path in LOCALE.glob("*/LC_MESSAGES/*.po"):
        compiled = polib.mofile(str(po_path.with_suffix(".mo")))
        assert {_key(e): e.msgstr for e in compiled if e.msgid} == {
            _key(e): e.msgstr for e in polib.pofile(str(po_path)) if e.translated() and not e.msgid_plural
        } | {_key(e): e.msgstr for e in compiled if e.msgid_plural}, f"{po_path} was changed but not compiled"
