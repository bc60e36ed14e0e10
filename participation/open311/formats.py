"""GeoReport v2 documents in XML and JSON: the records, and their rendering.

JSON mirrors the XML: a list at the top level is an array; codes and ids are strings;
datetimes are ISO 8601 with the city's offset.
"""

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import Response

from participation.core.services import get_city
from participation.issues.models import Category, Report, StatusChange
from participation.open311 import services
from participation.urls import external_url

CONTENT_TYPES = {
    "xml": "text/xml; charset=utf-8",
    "json": "application/json; charset=utf-8",
}
FORMATS = ["text/xml", "application/json"]
# The element of each item of a list, by the list's element.
ITEM_TAGS = {
    "services": "service",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "service_requests": "request",
    "service_requests_updates": "request_update",
    "errors": "error",
}
# Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def timestamp(moment: datetime | None) -> str | None:
    """ISO 8601 in the city's timezone, with its offset, to the second."""
    if moment is None:
        return None
    local = moment.astimezone(ZoneInfo(get_city().timezone))
    return local.isoformat(timespec="seconds")


# --- Records ----------------------------------------------------------------------


def discovery_record(base_url: str) -> dict[str, Any]:
    return {
        "changeset": services.CHANGESET,
        "contact": services.setting("OPEN311_CONTACT"),
        "key_service": (
            "API keys for posting requests are issued by the city's administrators: "
            f"ask {services.setting('OPEN311_CONTACT')}."
        ),
        "endpoints": [
            {
                "specification": services.SPECIFICATION,
                "url": base_url,
                "changeset": services.CHANGESET,
                "type": services.setting("OPEN311_ENDPOINT_TYPE"),
                "formats": FORMATS,
            }
        ],
    }


def service_record(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description or None,
        "metadata": bool(services.service_attributes(category)),
        "type": "realtime",
        "keywords": category.keywords or None,
        "group": category.group or None,
    }


def definition_record(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "attributes": services.service_attributes(category),
    }


def _description(report: Report) -> str:
    """The description, led by the title unless the title was taken from it."""
    title, text = report.title, report.description
    if not text:
        return title
    if text.startswith(title.rstrip("…")):
        return text
    return f"{title}\n\n{text}"[:4000]


def request_record(report: Report, status_notes: str | None) -> dict[str, Any]:
    """A report as a GeoReport v2 request: nothing about who reported it."""
    media_url = (
        external_url("issues.photo", report_id=report.id) if report.photo else None
    )
    return {
        "service_request_id": str(report.id),
        "status": "open" if services.is_open_status(report.status) else "closed",
        # After a reporter's reopen the city's last note (its fix) no longer holds.
        "status_notes": (
            "Reopened by the reporter" if report.status == "reopened" else status_notes
        )
        or None,
        "service_name": report.category.name,
        "service_code": report.category.code,
        "description": _description(report),
        "agency_responsible": report.category.department.name,
        "service_notice": None,
        "requested_datetime": timestamp(report.created_at),
        "updated_datetime": timestamp(report.updated_at),
        "expected_datetime": None,
        "address": report.location_text or None,
        "address_id": None,
        "zipcode": None,
        "lat": report.lat,
        "long": report.lon,
        "media_url": media_url,
    }


# The statuses of the servicerequestupdates extension (mySociety's), by our workflow's;
# a status of another workflow is sent as open or closed.
UPDATE_STATUSES = {
    "new": "open",
    "acknowledged": "investigating",
    "in_progress": "in_progress",
    "fixed": "fixed",
    "reopened": "open",
    "not_actionable": "no_further_action",
    "duplicate": "duplicate",
    "referred": "internal_referral",
}


def update_record(change: StatusChange) -> dict[str, Any]:
    """One public step of a report: its new status and the note that came with it."""
    status = UPDATE_STATUSES.get(change.to_status)
    if status is None:
        status = "open" if services.is_open_status(change.to_status) else "closed"
    return {
        "update_id": str(change.id),
        "service_request_id": str(change.report_id),
        "status": status,
        "updated_datetime": timestamp(change.created_at),
        "description": _update_description(change),
        "media_url": None,
    }


def _update_description(change: StatusChange) -> str | None:
    """The step's note; a reporter's reopen says it is theirs, not the city's work."""
    if change.to_status == "reopened" and not change.official:
        return f"Reopened by the reporter: {change.note}".strip(": ")
    return change.note or None


def posted_record(report: Report, token: str) -> dict[str, Any]:
    return {
        "service_request_id": str(report.id),
        "token": token,
        "service_notice": services.SERVICE_NOTICE,
        "account_id": None,
    }


def token_record(token: str, report_id: int) -> dict[str, Any]:
    return {"service_request_id": str(report_id), "token": token}


# --- Rendering --------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, dict):
        for name, item in value.items():
            _fill(ET.SubElement(element, name), item)
    elif isinstance(value, list):
        for item in value:
            _fill(ET.SubElement(element, ITEM_TAGS.get(element.tag, "item")), item)
    else:
        element.text = _text(value)


def to_xml(root: str, data: Any) -> str:
    element = ET.Element(root)
    _fill(element, data)
    body = ET.tostring(element, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body


def render(fmt: str, root: str, data: Any, status: int = 200) -> Response:
    """`data` as XML (under the `root` element) or JSON."""
    body = json.dumps(data, ensure_ascii=False) if fmt == "json" else to_xml(root, data)
    return Response(body, status=status, content_type=CONTENT_TYPES[fmt])


def render_errors(fmt: str, errors: list[tuple[int, str]]) -> Response:
    """The GeoReport v2 error list; the HTTP status is the first error's code."""
    data = [{"code": code, "description": text} for code, text in errors]
    return render(fmt, "errors", data, status=errors[0][0])
