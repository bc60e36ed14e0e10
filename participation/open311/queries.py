"""The filters of GET requests: parsed and checked, with the default 90-day window.

Pure functions: no request, no database. Error messages are plain English for client
developers. Every number and date is checked against what the database and the
calendar can hold, so no parameter can fail a query.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from participation.core.geo import parse_bbox
from participation.errors import Invalid
from participation.params import DB_INT_MAX, parse_int

DEFAULT_WINDOW = timedelta(days=90)
MAX_RESULTS = 1000
# Dates outside these are refused: no report is that old, and a 90-day window from a
# date at the calendar's end (year 9999) would overflow it.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(9999, 1, 1, tzinfo=UTC)
BAD_DATE = (
    "Give an ISO 8601 datetime from the year 1900 to 9998, e.g. 2026-05-01T00:00:00Z."
)


@dataclass
class RequestQuery:
    """The filters of GET requests (bbox is west, south, east, north)."""

    ids: list[int] | None = None
    service_codes: list[str] | None = None
    start: datetime | None = None
    end: datetime | None = None
    statuses: set[str] | None = None
    bbox: tuple[float, float, float, float] | None = None
    page: int = 1
    page_size: int = MAX_RESULTS


def _list(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def stored_id(text: str) -> int | None:
    """The id written in `text` if it could name a row: ASCII digits, from 1 to the
    database's integer limit (a larger id names nothing)."""
    value = parse_int(text) if text.isdigit() else None
    return value if value is not None and 1 <= value <= DB_INT_MAX else None


def _moment(value: str, timezone: str) -> datetime:
    """An ISO 8601 datetime from EARLIEST to LATEST, else ValueError; without an
    offset it is the city's local time."""
    # An unencoded "+" of an offset arrives as a space.
    value = re.sub(r"(T[\d:.]+) (\d{2}:?\d{2})$", r"\1+\2", value.strip())
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(timezone))
    try:
        moment = moment.astimezone(UTC)
    except OverflowError:  # an offset past the first or last day of the calendar
        raise ValueError(value) from None
    if not EARLIEST <= moment < LATEST:
        raise ValueError(value)
    return moment


def _dates(args, timezone: str, query: RequestQuery, errors: dict[str, str]) -> None:
    """start_date and end_date into query.start and query.end."""
    for name in ("start_date", "end_date"):
        if args.get(name):
            try:
                moment = _moment(args[name], timezone)
            except ValueError:
                errors[name] = BAD_DATE
            else:
                setattr(query, name.replace("_date", ""), moment)


def _integer(args: Mapping[str, str], name: str, low: int, high: int, errors) -> int:
    value = args.get(name) or ""
    if not value:
        return {"page": 1, "page_size": MAX_RESULTS}[name]
    number = parse_int(value) if value.isdigit() else None
    if number is None or not low <= number <= high:
        errors[name] = f"Give a whole number from {low} to {high}."
        return low
    return number


def parse(args: Mapping[str, str], timezone: str, now: datetime) -> "RequestQuery":
    """The filters of a GET requests call, or Invalid naming each bad parameter.

    Dates without an offset are read in `timezone` (the city's).
    """
    errors: dict[str, str] = {}
    query = RequestQuery()
    ids = [stored_id(i) for i in _list(args.get("service_request_id"))]
    if ids:
        if None in ids:
            errors["service_request_id"] = (
                f"Give request ids (whole numbers from 1 to {DB_INT_MAX}) "
                "separated by commas."
            )
        query.ids = [i for i in ids if i is not None][:MAX_RESULTS]
    query.service_codes = _list(args.get("service_code")) or None
    if len(query.service_codes or []) > MAX_RESULTS:
        # Each code is a parameter of the query, and databases limit their number.
        errors["service_code"] = f"Give at most {MAX_RESULTS} service codes."
    _dates(args, timezone, query, errors)
    statuses = set(_list(args.get("status")))
    if statuses - {"open", "closed"}:
        errors["status"] = "Give open, closed or both separated by a comma."
    query.statuses = statuses or None
    if args.get("bbox"):
        try:
            query.bbox = parse_bbox(args["bbox"])
        except ValueError:
            errors["bbox"] = "Give bbox as west,south,east,north in WGS84 degrees."
    return _paged_window(args, query, now, errors)


def parse_updates(
    args: Mapping[str, str], timezone: str, now: datetime
) -> RequestQuery:
    """The window and page of a GET servicerequestupdates call (the same rules as
    GET requests: 90 days at most, the last 90 by default), or Invalid."""
    errors: dict[str, str] = {}
    query = RequestQuery()
    _dates(args, timezone, query, errors)
    return _paged_window(args, query, now, errors)


def _paged_window(args, query: RequestQuery, now: datetime, errors) -> RequestQuery:
    """The page, the window's defaults and limits; Invalid if anything was wrong."""
    query.page = _integer(args, "page", 1, 1_000_000, errors)
    query.page_size = _integer(args, "page_size", 1, MAX_RESULTS, errors)
    _window(query, now, errors)
    if errors:
        raise Invalid(errors)
    return query


def _window(query: RequestQuery, now: datetime, errors: dict[str, str]) -> None:
    """Fill in the default 90-day window; a wider one is refused."""
    if query.start is None and query.end is None:
        query.start, query.end = now - DEFAULT_WINDOW, now
    elif query.start is None:
        query.start = query.end - DEFAULT_WINDOW
    elif query.end is None:
        query.end = query.start + DEFAULT_WINDOW
    if query.end < query.start:
        errors["end_date"] = "end_date is before start_date."
    elif query.end - query.start > DEFAULT_WINDOW:
        errors["end_date"] = "start_date and end_date may span at most 90 days."
