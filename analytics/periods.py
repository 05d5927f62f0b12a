"""The day, ISO week (Monday start), month and year of a moment, in Vietnam's time."""

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class Periods:
    day: str  # 2026-11-25
    week: str  # 2026-W48
    month: str  # 2026-11
    year: str  # 2026


def periods_of(moment: datetime) -> Periods:
    local = moment.astimezone(VIETNAM)
    iso_year, iso_week, _ = local.isocalendar()
    return Periods(f"{local:%Y-%m-%d}", f"{iso_year}-W{iso_week:02d}", f"{local:%Y-%m}", f"{local:%Y}")


@lru_cache(maxsize=4)
def periods_at(second: int) -> Periods:
    """periods_of for a Unix second, remembered: every view in the same second shares it."""
    return periods_of(datetime.fromtimestamp(second, UTC))
