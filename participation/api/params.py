"""Parsing the query parameters shared by the map, the list page and the JSON API."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from participation.core.geo import parse_bbox
from participation.core.services import get_city
from participation.errors import Invalid
from participation.issues import services as issues


def _day_start(text: str, field: str) -> datetime:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise Invalid({field: _("Give a date as YYYY-MM-DD.")}) from None
    return datetime.combine(day, time(), tzinfo=ZoneInfo(get_city().timezone))


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
        value = args.get(name) or None
        if value is not None:
            if not str(value).isdigit():
                raise Invalid({name: _("Choose a value from the list.")})
            filters[name] = int(value)
    if args.get("from"):
        filters["since"] = _day_start(args["from"], "from")
    if args.get("to"):
        filters["until"] = _day_start(args["to"], "to") + timedelta(days=1)
    return filters
