"""Posting a request for an Open311 client: read the form the spec defines, check it
(the web form's rules, through `issues.services.submit_report`), and answer with a
token. Error messages are plain English: clients' developers read them.
"""

import logging
import re
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from flask import current_app

from participation.core.places import location_error
from participation.core.services import get_city
from participation.errors import Invalid, NotAllowed
from participation.events import log_event
from participation.extensions import db
from participation.issues import services as issues
from participation.issues.models import Category, Landmark
from participation.languages import is_supported
from participation.open311 import attributes, queries
from participation.open311.keys import key_for
from participation.open311.models import Open311Token
from participation.open311.services import get_service, service_attributes
from participation.params import finite_float

log = logging.getLogger(__name__)

NO_GEOCODING = (
    "This server does not geocode: send lat and long (WGS84 degrees), or address_id "
    "naming one of the city's landmarks; address_string is kept as the place's "
    "description."
)
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")


def _one(form: Mapping[str, Sequence[str]], name: str) -> str:
    values = form.get(name) or [""]
    return (values[0] or "").strip()


def _landmark_id(form) -> int | None:
    """`address_id` names one of the city's landmarks (ids as in the report form)."""
    landmark_id = queries.stored_id(_one(form, "address_id"))
    if landmark_id is not None and db.session.get(Landmark, landmark_id) is not None:
        return landmark_id
    return None


def _location(form, errors: dict[str, str]) -> tuple[float | None, float | None]:
    lat, lon = _one(form, "lat"), _one(form, "long")
    if not lat and not lon:
        if _landmark_id(form) is not None:
            return None, None
        if _one(form, "address_string") or _one(form, "address_id"):
            errors["lat/long"] = NO_GEOCODING
        else:
            errors["lat/long"] = "A location is required: send lat and long."
        return None, None
    if not lat or not lon:
        errors["lat/long"] = "Send lat and long together."
        return None, None
    point = finite_float(lat), finite_float(lon)
    if None in point:
        errors["lat/long"] = "lat and long must be finite numbers (WGS84 degrees)."
        return None, None
    # The web form's check (range, the city's bounds), before anything uses the point.
    wrong = location_error(*point)
    if wrong:
        errors["lat/long"] = wrong
        return None, None
    return point


def _title(description: str, category: Category) -> str:
    """A report title from the description's first line, else the service's name."""
    line = description.strip().splitlines()[0].strip() if description.strip() else ""
    if not line:
        return category.name[: issues.MAX_TITLE]
    if len(line) <= issues.MAX_TITLE:
        return line
    cut = line[: issues.MAX_TITLE - 1].rsplit(" ", 1)[0] or line[: issues.MAX_TITLE - 1]
    return cut + "…"


def post_request(secret: str | None, form: Mapping[str, Sequence[str]]):
    """Submit a request for an Open311 client; returns (report, token).

    Personal fields (email, names, phone, device_id, account_id) are never read.
    """
    key = key_for(secret)
    if key is None:
        # Never the secret itself: whether one was sent at all.
        log_event(log, "open311.key_refused", logging.WARNING, given=bool(secret))
        raise NotAllowed("api_key")
    errors: dict[str, str] = {}
    code = _one(form, "service_code")
    category = get_service(code) if code else None
    if not code:
        errors["service_code"] = "service_code is required (see services.xml)."
    lat, lon = _location(form, errors)
    description = _one(form, "description")
    if len(description) > issues.MAX_DESCRIPTION:
        errors["description"] = f"Use at most {issues.MAX_DESCRIPTION} characters."
    elif _HTML_TAG.search(description):
        errors["description"] = "Send plain text: HTML is not accepted."
    values: dict[str, Any] = {}
    if category is not None:
        values, attribute_errors = attributes.check_values(
            service_attributes(category), attributes.posted_values(form)
        )
        errors.update(attribute_errors)
    if errors:
        raise Invalid(errors)
    city = get_city()
    language = city.default_locale
    if not is_supported(language):
        language = current_app.config["BABEL_DEFAULT_LOCALE"]
    data = issues.ReportData(
        category_id=category.id,
        title=_title(description, category),
        description=description,
        lat=lat,
        lon=lon,
        language=language,
        location_text=_one(form, "address_string"),
        attribute_values=values,
        landmark_id=_landmark_id(form),
    )
    try:
        report = issues.submit_report(None, data, source="open311")
    except Invalid as error:
        names = {"category_id": "service_code", "location": "lat/long"}
        raise Invalid({names.get(k, k): v for k, v in error.errors.items()}) from None
    token = Open311Token(
        token=secrets.token_urlsafe(16), report_id=report.id, api_key_id=key.id
    )
    db.session.add(token)
    db.session.commit()
    return report, token
