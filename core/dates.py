"""Dates and times the way Vietnamese portals show them: "14/09/2023 11:02 SA".

SA (sáng) and CH (chiều) are the Vietnamese AM/PM; the clock is 12-hour. In English
the same moment is shown with the active locale's own format.
"""

from datetime import date, datetime

from django.utils import formats, timezone, translation


def vietnamese_datetime(value: datetime) -> str:
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    hour = local.hour % 12 or 12
    meridiem = "SA" if local.hour < 12 else "CH"
    return f"{local:%d/%m/%Y} {hour:02d}:{local:%M} {meridiem}"


def published_time(value: datetime | None) -> str:
    """Publication time in the active language."""
    if value is None:
        return ""
    if translation.get_language() in (None, "vi"):
        return vietnamese_datetime(value)
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return formats.date_format(local, "DATETIME_FORMAT")


def short_date(value: date | None) -> str:
    if value is None:
        return ""
    if translation.get_language() in (None, "vi"):
        return f"{value:%d/%m/%Y}"
    return formats.date_format(value, "DATE_FORMAT")
