"""The JSON Schemas of the API's bodies, as components of its OpenAPI document."""

from participation.ladder.document import ASSESSMENT_SCHEMA, FACTS_DOCUMENT_SCHEMA
from participation.params import DB_INT_MAX

ID = {"type": "integer", "minimum": 1, "maximum": DB_INT_MAX}
COUNT = {"type": "integer", "minimum": 0}
TIME = {"type": "string", "format": "date-time"}
LONGITUDE = {"type": "number", "minimum": -180, "maximum": 180}
LATITUDE = {"type": "number", "minimum": -90, "maximum": 90}


def _bare(schema: dict) -> dict:
    """A JSON Schema as an OpenAPI component (without its $schema keyword)."""
    return {k: v for k, v in schema.items() if k != "$schema"}


def _object(required: list[str], **properties) -> dict:
    return {"type": "object", "required": required, "properties": properties}


ERRORS = _object(
    ["errors"],
    errors={
        "type": "array",
        "minItems": 1,
        "items": _object(
            ["field", "message"],
            field={
                "type": ["string", "null"],
                "description": "the parameter or field at fault (null: the request)",
            },
            message={"type": "string"},
        ),
    },
)

POINT = _object(
    ["type", "coordinates"],
    type={"const": "Point"},
    coordinates={
        "type": "array",
        "description": "[longitude, latitude]",
        "items": LONGITUDE,
        "minItems": 2,
        "maxItems": 2,
    },
)

REPORT_POINT = _object(
    ["type", "id", "geometry", "properties"],
    type={"const": "Feature"},
    id=ID,
    geometry=POINT,
    properties=_object(
        ["title", "status", "status_name", "open", "category", "created_at", "url"],
        title={"type": "string"},
        language={"type": "string"},
        status={"type": "string"},
        status_name={"type": "string"},
        open={"type": "boolean"},
        category={"type": "string", "description": "the category's name"},
        supporters=COUNT,
        created_at=TIME,
        url={"type": "string"},
    ),
)

CLUSTER = _object(
    ["type", "geometry", "properties"],
    type={"const": "Feature"},
    geometry=POINT,
    properties=_object(
        ["cluster", "count"],
        cluster={"const": True},
        count={"type": "integer", "minimum": 1},
    ),
)

REPORTS_COLLECTION = _object(
    ["type", "features", "total"],
    type={"const": "FeatureCollection"},
    features={"type": "array", "items": {"anyOf": [REPORT_POINT, CLUSTER]}},
    total={**COUNT, "description": "how many reports match (points: the newest)"},
)

DISTRICTS_COLLECTION = _object(
    ["type", "features"],
    type={"const": "FeatureCollection"},
    features={
        "type": "array",
        "items": _object(
            ["type", "id", "geometry", "properties"],
            type={"const": "Feature"},
            id=ID,
            geometry=_object(
                ["type", "coordinates"],
                type={"enum": ["Polygon", "MultiPolygon"]},
                coordinates={"type": "array"},
            ),
            properties=_object(
                ["name", "population"], name={"type": "string"}, population=COUNT
            ),
        ),
    },
)

REPORT = _object(
    ["id", "title", "status", "open", "lat", "lon", "created_at", "url"],
    id=ID,
    title={"type": "string"},
    description={"type": "string"},
    language={"type": "string"},
    status={"type": "string"},
    status_name={"type": "string"},
    open={"type": "boolean"},
    category=_object(
        ["code", "name"], code={"type": "string"}, name={"type": "string"}
    ),
    department={"type": "string"},
    district={"type": ["string", "null"]},
    lat=LATITUDE,
    lon=LONGITUDE,
    location={"type": "string"},
    supporters=COUNT,
    reported_by={
        "type": ["string", "null"],
        "description": "only when the reporter chose to show their name",
    },
    photo_url={"type": ["string", "null"]},
    duplicate_of={"type": ["integer", "null"]},
    created_at=TIME,
    updated_at=TIME,
    url={"type": "string"},
)

REPORT_WITH_HISTORY = {
    "allOf": [
        {"$ref": "#/components/schemas/Report"},
        _object(
            ["history"],
            history={
                "type": "array",
                "items": _object(
                    ["status", "official", "at"],
                    status={"type": "string"},
                    note={"type": "string"},
                    language={"type": "string"},
                    official={"type": "boolean"},
                    at=TIME,
                ),
            },
        ),
    ]
}

REPORT_PAGE = _object(
    ["page", "page_size", "has_more", "items"],
    page={"type": "integer", "minimum": 1},
    page_size={"type": "integer", "minimum": 1, "maximum": 500},
    has_more={"type": "boolean"},
    items={"type": "array", "items": {"$ref": "#/components/schemas/Report"}},
)

COMPONENTS = {
    "Errors": ERRORS,
    "Report": REPORT,
    "ReportWithHistory": REPORT_WITH_HISTORY,
    "ReportPage": REPORT_PAGE,
    "ReportsCollection": REPORTS_COLLECTION,
    "DistrictsCollection": DISTRICTS_COLLECTION,
    "FactsDocument": _bare(FACTS_DOCUMENT_SCHEMA),
    "Assessment": _bare(ASSESSMENT_SCHEMA),
}
