"""Conversions between stored UTC times and the city's wall-clock time."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo


def from_city_time(local: datetime | None, timezone: str) -> datetime | None:
    """Interpret a naive wall-clock time in the city's timezone; return it in UTC."""
    if local is None:
        return None
    return local.replace(tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def to_city_time(moment: datetime | None, timezone: str) -> datetime | None:
    """A stored UTC time as a naive wall-clock time in the city's timezone (for forms)."""
    if moment is None:
        return None
    return moment.astimezone(ZoneInfo(timezone)).replace(tzinfo=None)


def start_of_day(day: date | None, timezone: str) -> datetime | None:
    """The first moment of a day in the city's timezone, in UTC."""
    if day is None:
        return None
    return from_city_time(datetime.combine(day, time()), timezone)


def city_day(moment: datetime | None, timezone: str) -> date | None:
    """The day a stored UTC time falls on in the city."""
    local = to_city_time(moment, timezone)
    return local.date() if local else None
