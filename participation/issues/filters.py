"""The filters of the report map, the list page and the JSON API, from query
parameters."""

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from participation.core.geo import parse_bbox
from participation.core.services import get_city
from participation.errors import Invalid
from participation.issues import services as issues
from participation.params import int_arg

# A calendar day exactly as RFC 3339 writes it (date.fromisoformat also reads
# "20260311" and "2026-W11-3", which no documented client sends).
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _day(text: str, field: str) -> date:
    if DAY.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise Invalid({field: _("Give a date as YYYY-MM-DD.")})


def _day_start(day: date, days_later: int = 0) -> datetime:
    """When `day` (plus `days_later`) begins in city time, in UTC; clamped to the
    datetimes Python holds (past 9999 is after everything stored, before year 1
    before it)."""
    try:
        local = datetime.combine(day, time(), tzinfo=ZoneInfo(get_city().timezone))
        return (local + timedelta(days=days_later)).astimezone(UTC)
    except OverflowError:
        return (datetime.max if day.year > 1 else datetime.min).replace(tzinfo=UTC)


def report_filters(args) -> dict:
    """Filters for search_reports from request args; Invalid names the bad parameter.

    Dates are whole days in the city's timezone: `from` inclusive, `to` inclusive.
    """
    filters: dict = {}
    if args.get("bbox"):
        try:
            filters["bbox"] = parse_bbox(args["bbox"])
        except ValueError:
            message = _("Give bbox as west,south,east,north in degrees.")
            raise Invalid({"bbox": message}) from None
    status = args.get("status") or None
    if status and status not in ("open", "closed") and status not in issues.workflow():
        raise Invalid({"status": _("Unknown status.")})
    filters["status"] = status
    for name in ("category", "district"):
        value = int_arg(args, name, minimum=1)
        if value is not None:
            filters[name] = value
    if args.get("from"):
        filters["since"] = _day_start(_day(args["from"], "from"))
    if args.get("to"):
        filters["until"] = _day_start(_day(args["to"], "to"), days_later=1)
    return filters
