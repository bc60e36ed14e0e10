"""Fixtures of the Open311 tests: a service with attributes, an API key, and checkers
for the JSON Schemas of open311's schema-validation project (read from ../shared)."""

import json
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

SCHEMAS = Path(__file__).resolve().parents[3] / "shared" / "data" / "open311-schemas"
# Elements of the XML documents whose children are list items.
XML_LISTS = {
    "services",
    "attributes",
    "values",
    "endpoints",
    "formats",
    "service_requests",
    "service_requests_updates",
    "errors",
}
ATTRIBUTES = [
    {
        "variable": True,
        "code": "POLE",
        "datatype": "string",
        "required": True,
        "datatype_description": "The number painted on the pole.",
        "order": 2,
        "description": "Pole number",
    },
    {
        "variable": True,
        "code": "KIND",
        "datatype": "singlevaluelist",
        "required": False,
        "order": 1,
        "description": "What is wrong?",
        "values": [
            {"key": "out", "name": "Out"},
            {"key": "flicker", "name": "Flickers"},
        ],
    },
    {
        "variable": True,
        "code": "WHEN",
        "datatype": "multivaluelist",
        "required": False,
        "order": 3,
        "description": "When?",
        "values": [
            {"key": "day", "name": "By day"},
            {"key": "night", "name": "By night"},
        ],
    },
    {
        "variable": True,
        "code": "COUNT",
        "datatype": "number",
        "required": False,
        "order": 4,
        "description": "How many lights?",
    },
    {
        "variable": False,
        "code": "NOTE",
        "datatype": "text",
        "required": False,
        "order": 5,
        "description": "Lights on main roads are fixed first.",
    },
]


def _date_time(value) -> bool:
    if not isinstance(value, str):
        return True  # formats apply to strings only
    return "T" in value and datetime.fromisoformat(value).tzinfo is not None


def _uri(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc)


FORMAT_CHECKER = FormatChecker(formats=())
FORMAT_CHECKER.checks("date-time", raises=ValueError)(_date_time)
FORMAT_CHECKER.checks("uri")(_uri)


def _registry() -> Registry:
    resources = [
        (
            path.as_uri(),
            Resource.from_contents(
                json.loads(path.read_text()), default_specification=DRAFT7
            ),
        )
        for path in SCHEMAS.glob("*.json")
    ]
    return Registry().with_resources(resources)


REGISTRY = _registry()


def validate(document, schema: str, pointer: str = "") -> None:
    """Validate against one of the shared schema files (or a pointer into one)."""
    reference = (SCHEMAS / schema).as_uri() + pointer
    Draft7Validator(
        {"$ref": reference}, registry=REGISTRY, format_checker=FORMAT_CHECKER
    ).validate(document)


def xml_data(element: ET.Element):
    """An XML document as the JSON it mirrors (scalars as text)."""
    if element.tag in XML_LISTS:
        return [xml_data(child) for child in element]
    if len(element):
        return {child.tag: xml_data(child) for child in element}
    return element.text


def as_text(data):
    """JSON data with scalars as the XML writes them."""
    if isinstance(data, dict):
        return {k: as_text(v) for k, v in data.items()}
    if isinstance(data, list):
        return [as_text(v) for v in data]
    if isinstance(data, bool):
        return "true" if data else "false"
    return None if data is None else str(data)


def both_formats(client, url: str, root: str, expected_status: int = 200, **kw):
    """GET url in .json and .xml; checks both mirror each other; returns the JSON."""
    as_json = client.get(url.format(fmt="json"), **kw)
    as_xml = client.get(url.format(fmt="xml"), **kw)
    assert as_json.status_code == expected_status, as_json.get_data(as_text=True)
    assert as_xml.status_code == expected_status
    assert as_json.headers["Content-Type"] == "application/json; charset=utf-8"
    assert as_xml.headers["Content-Type"] == "text/xml; charset=utf-8"
    data = json.loads(as_json.data)
    element = ET.fromstring(as_xml.data)
    assert element.tag == root
    assert xml_data(element) == as_text(data)
    return data


def table_counts(db) -> dict[str, int]:
    """Rows per table: an error must leave every one as it was."""
    from participation.extensions import db as _db

    db.session.expire_all()
    return {
        table.name: db.session.scalar(sa.select(sa.func.count()).select_from(table))
        for table in _db.metadata.sorted_tables
    }


@pytest.fixture
def service(square_city, make_category):
    return make_category(
        code="streetlight",
        name="Street light out",
        department="Lighting",
        description="A street light that does not work.",
        group="Streets",
        keywords="lamp, light, dark",
        attributes=ATTRIBUTES,
    )


@pytest.fixture
def api_key(app):
    """The secret of a fresh API key."""
    from participation.open311.keys import issue_key

    return issue_key(None, "Test client")[1]


@pytest.fixture
def post(client, api_key, service):
    """POST a request (form-encoded, no CSRF token: like any Open311 client)."""

    def send(fmt: str = "json", **fields):
        data = {
            "api_key": api_key,
            "service_code": "streetlight",
            "lat": "52.84",
            "long": "-7.40",
            "description": "Dark since Monday.",
            "attribute[POLE]": "L-17",
            **fields,
        }
        data = {k: v for k, v in data.items() if v is not None}
        return client.post(f"/open311/v2/requests.{fmt}", data=data)

    return send
