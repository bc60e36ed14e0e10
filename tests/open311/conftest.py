"""Fixtures of the Open311 tests: a service with attributes, an API key, and checkers
for the JSON Schemas of open311's schema-validation project (read from ../shared)."""

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from tests.shared_data import SHARED, need

SCHEMAS = SHARED / "data" / "open311-schemas"
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
# GeoReport v2's error list, as the specification describes it (the shared schemas
# have none): one error or more, each an integer code and a description.
ERRORS_SCHEMA = {
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "required": ["code", "description"],
        "additionalProperties": False,
        "properties": {
            "code": {"type": "integer", "minimum": 400, "maximum": 599},
            "description": {"type": "string", "minLength": 1},
        },
    },
}
CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "xml": "text/xml; charset=utf-8",
}


def validate(document, schema: str, pointer: str = "") -> None:
    """Validate against one of the shared schema files (or a pointer into one)."""
    reference = need(SCHEMAS / schema).as_uri() + pointer
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


def spec_errors(response, fmt: str) -> list[dict]:
    """The response's GeoReport v2 error list in `fmt`, checked: its content type, its
    shape (the XML mirroring the JSON), and every code being the HTTP status."""
    assert response.headers["Content-Type"] == CONTENT_TYPES[fmt], response.data[:200]
    if fmt == "json":
        data = json.loads(response.data)
    else:
        root = ET.fromstring(response.data)
        assert root.tag == "errors" and {e.tag for e in root} == {"error"}
        data = xml_data(root)
        assert all(set(error) == {"code", "description"} for error in data), data
        data = [{**error, "code": int(error["code"])} for error in data]
    Draft7Validator(ERRORS_SCHEMA).validate(data)
    assert {error["code"] for error in data} == {response.status_code}, data
    return data


def table_counts(db) -> dict[str, int]:
    """Rows per table: an error must leave every one as it was."""
    from participation.extensions import db as _db
    from tests.conftest import count_rows

    db.session.expire_all()
    return count_rows(db.session, _db.metadata.sorted_tables)


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


@dataclass
class Shared:
    """An app with a city, the service, a landmark, a report and a key: many requests
    share it, where a fresh app per test would cost far more than the requests."""

    app: object
    client: object
    api_key: str
    report_id: int
    landmark_id: int
    token: str

    def counts(self) -> dict[str, int]:
        from participation.extensions import db

        with self.app.app_context():
            return table_counts(db)


@pytest.fixture(scope="module")
def shared(migrated, tmp_path_factory):
    """One Shared for a test module (rate limit raised, bodies capped at 64 KiB)."""
    from participation.core.models import City, District
    from participation.extensions import db
    from participation.issues.models import Category, Department, Landmark
    from participation.issues.services import ReportData, submit_report
    from participation.open311.keys import issue_key
    from participation.open311.models import Open311Token
    from tests.conftest import make_app, wipe

    app = make_app(
        migrated,
        tmp_path_factory.mktemp("instance"),
        OPEN311_RATE_LIMIT="1000000 per minute",
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    with app.app_context():
        db.session.add(
            City(
                name="Riverford",
                timezone="Europe/Madrid",
                south=52.80,
                west=-7.45,
                north=52.88,
                east=-7.33,
            )
        )
        ring = [[-7.45, 52.80], [-7.33, 52.80], [-7.33, 52.88], [-7.45, 52.88]]
        boundary = {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}
        db.session.add(District(name="Riverford", population=1, boundary=boundary))
        category = Category(
            code="streetlight",
            name="Street light out",
            department=Department(name="Lighting"),
            attributes=ATTRIBUTES,
        )
        landmark = Landmark(name="Aven Bridge", lat=52.841, lon=-7.36)
        db.session.add_all([category, landmark])
        db.session.commit()
        report = submit_report(
            None,
            ReportData(
                category_id=category.id,
                title="Light out",
                lat=52.84,
                lon=-7.40,
                attribute_values={"POLE": "1"},
            ),
        )
        _key, secret = issue_key(None, "Shared client")
        token = Open311Token(token="shared-token", report_id=report.id)
        db.session.add(token)
        db.session.commit()
        ids = report.id, landmark.id
    yield Shared(app, app.test_client(), secret, *ids, "shared-token")
    with app.app_context():
        db.session.remove()
        wipe(db.engine)
        db.engine.dispose()
