"""Conversions between stored UTC times and the city's wall-clock time."""

from datetime import UTC, datetime
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
