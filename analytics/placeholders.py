"""Numbers in cached HTML: templates write placeholders, and every response (from
the cache or freshly rendered) gets them replaced with live numbers on the way out."""

from dataclasses import dataclass

VIEWS = b"<!--an:views-->"
TOTAL = b"<!--an:total-->"
ONLINE = b"<!--an:online-->"
WEEK = b"<!--an:week-->"
MONTH = b"<!--an:month-->"
YEAR = b"<!--an:year-->"
MARKER = b"<!--an:"


@dataclass(frozen=True)
class Numbers:
    total: int
    online: int
    week: int
    month: int
    year: int
    views: int

    @classmethod
    def from_script(cls, values) -> "Numbers":
        """From the Lua reply: seeded flag, online, total, week, month, year, page views."""
        online, total, week, month, year, views = (int(v) for v in values[1:7])
        return cls(total=total, online=online, week=week, month=month, year=year, views=views)


def vietnamese_number(value: int) -> str:
    """3950 -> '3.950', as Vietnamese writes thousands."""
    return f"{value:,}".replace(",", ".")


def fill(body: bytes, numbers: Numbers) -> bytes:
    if MARKER not in body:
        return body
    replacements = {
        VIEWS: vietnamese_number(numbers.views),
        TOTAL: f"{numbers.total:09d}",  # the box shows a zero-padded 9-digit counter
        ONLINE: vietnamese_number(numbers.online),
        WEEK: vietnamese_number(numbers.week),
        MONTH: vietnamese_number(numbers.month),
        YEAR: vietnamese_number(numbers.year),
    }
    for token, value in replacements.items():
        body = body.replace(token, value.encode())
    return body
