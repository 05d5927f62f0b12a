"""What a person sees on an admin screen, and which of it is Wagtail's English left
untranslated: text nodes and the attributes read aloud or shown on hover."""

import re
from functools import cache
from pathlib import Path

import polib
from bs4 import BeautifulSoup, Comment, Doctype

SITE_PACKAGES = Path(polib.__file__).resolve().parent
SOURCE_CATALOGS = ("wagtail", "wagtail_localize")
SHOWN_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt", "aria-description", "data-w-tooltip-content-value")
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[^{}]*\}")


@cache
def english_msgids() -> frozenset[str]:
    """Every English string Wagtail and wagtail-localize may show, without placeholders."""
    found = set()
    for package in SOURCE_CATALOGS:
        for path in (SITE_PACKAGES / package).rglob("locale/en/LC_MESSAGES/*.po"):
            for entry in polib.pofile(str(path)):
                for text in (entry.msgid, entry.msgid_plural):
                    text = PLACEHOLDER.sub("", text or "").strip()
                    if re.search(r"[A-Za-z]{3,}", text) and "<" not in text:
                        found.add(text)
    return frozenset(found)


def visible_texts(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template", "svg", "noscript"]):
        hidden.decompose()
    for hidden in soup.find_all(attrs={"hidden": True}):
        hidden.decompose()
    texts = [t.strip() for t in soup.find_all(string=True) if not isinstance(t, Comment | Doctype) and t.strip()]
    for element in soup.find_all(True):
        texts += [
            element[a].strip() for a in SHOWN_ATTRIBUTES if isinstance(element.get(a), str) and element[a].strip()
        ]
    return [re.sub(r"\s+", " ", t) for t in texts]


def english_left(html: str) -> list[str]:
    """Texts on the screen that are one of Wagtail's English strings, word for word."""
    msgids = english_msgids()
    return sorted({t for t in visible_texts(html) if t in msgids or t.rstrip(":.…") in msgids})


def vietnamese_share(html: str) -> float:
    texts = [t for t in visible_texts(html) if re.search(r"[A-Za-zÀ-ỹ]{2,}", t)]
    english = set(english_left(html))
    return 1.0 if not texts else 1 - sum(1 for t in texts if t in english) / len(texts)
