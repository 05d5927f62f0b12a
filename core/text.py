"""Accent folding for search and tolerant document numbers.

Vietnamese readers often type without diacritics ("giam sat" for "giám sát", "dang uy"
for "Đảng ủy"). Unicode decomposition strips most marks, but đ/Đ is a letter of its
own, not d plus a mark, so it is mapped by hand. Folding the same way at index time
and at query time makes search accent-insensitive on every database backend.
"""

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_LEADING_NUMBER = re.compile(r"^\s*0*(\d{1,9})")


def fold(text: str) -> str:
    """'Đảng ủy Giám sát' -> 'dang uy giam sat' (lower case, no marks)."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.lower()


def number_key(number_symbol: str) -> str:
    """A document's number and symbol in one comparable form.

    '24-CT/TU', '24/CT-TU', '24 CT TU' and '24-ct/tu' all give '24CTTU'; '893-QĐ/HU'
    gives '893QDHU'. Separators and case carry no meaning in how people type them.
    """
    return _NON_ALNUM.sub("", fold(number_symbol)).upper()


def leading_number(number_symbol: str) -> int | None:
    """The document's serial number: 24 for '24-CT/TU', None when there is none."""
    match = _LEADING_NUMBER.match(number_symbol or "")
    return int(match.group(1)) if match else None
