"""When things happened, compared as LADDER.md says ("Dates:"): a date without a time
stands for that whole day in the city's timezone; when either side of a comparison
has no time, the days are compared. Every place that judges timing (the rubric, the
consultation's "did the city listen?" box, the project thread's decisions, the city
report's timeliness) reads these functions.

A value is a `date` (a day, no time) or an aware `datetime` (a moment); facts
documents and stored assessments write them "YYYY-MM-DD" and full ISO 8601.

Pure: no Flask, no database.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

When = date | datetime


def when(value: object) -> When | None:
    """A fact's day ("YYYY-MM-DD" or a `date`) or moment (ISO 8601 or a `datetime`;
    without an offset, UTC); None for nothing. ValueError when it is neither."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        value = (
            datetime.fromisoformat(text)
            if "T" in text or " " in text
            else date.fromisoformat(text)
        )
    if isinstance(value, datetime):
        # A moment must fall on a day in every timezone (years 1 and 9999 may not).
        if not 1 < value.year < 9999:
            raise ValueError(f"a moment out of range: {value!r}")
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return value
    raise ValueError(f"not a date: {value!r}")


def has_time(value: When) -> bool:
    return isinstance(value, datetime)


def day_of(value: When, timezone: str) -> date:
    """The day a value falls on in the city."""
    if isinstance(value, datetime):
        return value.astimezone(ZoneInfo(timezone)).date()
    return value


def instant(value: When, timezone: str) -> datetime:
    """A moment for a value: a day starts at midnight in the city (for `as_of`)."""
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time(), ZoneInfo(timezone)).astimezone(UTC)


def shown(value: When, timezone: str, as_day: bool) -> When:
    """A value as a trace shows it: its city day, or its moment in city time."""
    if as_day or not isinstance(value, datetime):
        return day_of(value, timezone)
    return value.astimezone(ZoneInfo(timezone))


def _order(first: When, second: When, timezone: str) -> int:
    """-1, 0 or 1: moments by the clock when both have a time, else days."""
    if isinstance(first, datetime) and isinstance(second, datetime):
        a, b = first, second
        return (a > b) - (a < b)
    x, y = day_of(first, timezone), day_of(second, timezone)
    return (x > y) - (x < y)


def earlier(first: When | None, second: When | None, timezone: str) -> bool | None:
    """Whether `first` came before `second`: with a day on either side, an earlier
    day. None when either is unknown."""
    if first is None or second is None:
        return None
    return _order(first, second, timezone) < 0


def decided_before_opening(
    decided: When | None, opens: When | None, timezone: str
) -> bool | None:
    """Whether the decision came before the engagement opened ("after the fact"):
    with a day on either side, a decision day before the opening day. None when
    either is unknown."""
    return earlier(decided, opens, timezone)


def closed_before_decision(
    closes: When | None, decided: When | None, timezone: str
) -> bool | None:
    """Whether input closed before the decision: with a day on either side, a
    decision on the closing day or later. None when either is unknown."""
    if closes is None or decided is None:
        return None
    return _order(closes, decided, timezone) <= 0


def days_between(start: When, end: When, timezone: str) -> float:
    """Days from `start` to `end`: by the clock when both have a time, else whole
    days between their city days."""
    if isinstance(start, datetime) and isinstance(end, datetime):
        return (end - start).total_seconds() / 86400
    return float((day_of(end, timezone) - day_of(start, timezone)).days)


def lead_days(opens: When | None, decided: When | None, timezone: str) -> float | None:
    """How long before the decision residents were asked (negative: after it)."""
    if opens is None or decided is None:
        return None
    return days_between(opens, decided, timezone)


@dataclass(frozen=True)
class Timing:
    """An engagement's timing as every page and figure judges it."""

    decided_before_opening: bool | None
    closed_before_decision: bool | None
    lead_days: float | None


def timing(opens: object, closes: object, decided: object, timezone: str) -> Timing:
    """The timing of an engagement from its facts' values (days or moments, ISO
    strings accepted)."""
    o, c, d = when(opens), when(closes), when(decided)
    return Timing(
        decided_before_opening(d, o, timezone),
        closed_before_decision(c, d, timezone),
        lead_days(o, d, timezone),
    )
