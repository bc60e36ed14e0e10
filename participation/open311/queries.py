"""The filters of GET requests: parsed and checked, with the default 90-day window.

Pure: no Flask, no database. Error messages are plain English for client developers.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from participation.core.geo import parse_bbox
from participation.errors import Invalid

DEFAULT_WINDOW = timedelta(days=90)
MAX_RESULTS = 1000


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


def _moment(value: str, timezone: str) -> datetime:
    """An ISO 8601 datetime; without an offset it is the city's local time."""
    # An unencoded "+" of an offset arrives as a space.
    value = re.sub(r"(T[\d:.]+) (\d{2}:?\d{2})$", r"\1+\2", value.strip())
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(timezone))
    return moment.astimezone(UTC)


def _dates(args, timezone: str, query: RequestQuery, errors: dict[str, str]) -> None:
    """start_date and end_date into query.start and query.end."""
    for name in ("start_date", "end_date"):
        if args.get(name):
            try:
                moment = _moment(args[name], timezone)
            except ValueError:
                errors[name] = "Give an ISO 8601 datetime, e.g. 2026-05-01T00:00:00Z."
            else:
                setattr(query, name.replace("_date", ""), moment)


def _integer(args: Mapping[str, str], name: str, low: int, high: int, errors) -> int:
    value = args.get(name) or ""
    if not value:
        return {"page": 1, "page_size": MAX_RESULTS}[name]
    if not value.isdigit() or not low <= int(value) <= high:
        errors[name] = f"Give a whole number from {low} to {high}."
        return low
    return int(value)


def parse(args: Mapping[str, str], timezone: str, now: datetime) -> "RequestQuery":
    """The filters of a GET requests call, or Invalid naming each bad parameter.

    Dates without an offset are read in `timezone` (the city's).
    """
    errors: dict[str, str] = {}
    query = RequestQuery()
    ids = _list(args.get("service_request_id"))
    if ids:
        if not all(i.isdigit() for i in ids):
            errors["service_request_id"] = "Give request ids separated by commas."
        query.ids = [int(i) for i in ids if i.isdigit()][:MAX_RESULTS]
    query.service_codes = _list(args.get("service_code")) or None
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
