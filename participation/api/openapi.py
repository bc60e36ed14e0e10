"""The OpenAPI 3.1 document of the JSON API v1: every parameter with the constraints
the server enforces, every status it can answer (tests/api/test_openapi_conformance.py
holds the two together)."""

from collections.abc import Iterable

from participation.api.schemas import COMPONENTS, ID, LATITUDE, LONGITUDE
from participation.params import DB_INT_MAX

ERRORS_JSON = {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}}


def _json(ref: str) -> dict:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}


def _geojson(ref: str) -> dict:
    return {"application/geo+json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}


def _errors(description: str) -> dict:
    return {"description": description, "content": ERRORS_JSON}


# Any address may be sent a method it does not answer, and any request a character
# no text can hold (the app refuses NUL before any view).
COMMON_RESPONSES = {
    "400": _errors("invalid parameters: each error names the parameter at fault"),
    "405": {
        "description": "a method this address does not answer",
        "headers": {
            "Allow": {
                "description": "the methods it answers",
                "required": True,
                "schema": {"type": "string"},
            }
        },
        "content": ERRORS_JSON,
    },
}


def _query(name: str, schema: dict, description: str = "", **extra) -> dict:
    """An optional query parameter; sent empty it counts as not sent (as forms do)."""
    parameter = {"name": name, "in": "query", "schema": schema, "allowEmptyValue": True}
    if description:
        parameter["description"] = description
    return {**parameter, **extra}


def _filters(statuses: Iterable[str]) -> list[dict]:
    return [
        _query(
            "bbox",
            {
                "type": "array",
                "prefixItems": [LONGITUDE, LATITUDE, LONGITUDE, LATITUDE],
                "minItems": 4,
                "maxItems": 4,
            },
            "west,south,east,north in WGS84 degrees, with west < east and "
            "south < north",
            style="form",
            explode=False,
        ),
        _query(
            "status",
            {"enum": ["open", "closed", *statuses]},
            "open, closed, or a workflow status key",
        ),
        _query("category", ID, "a category's id"),
        _query("district", ID, "a district's id"),
        _query(
            "from",
            {"type": "string", "format": "date"},
            "first day (city time), inclusive",
        ),
        _query(
            "to",
            {"type": "string", "format": "date"},
            "last day (city time), inclusive",
        ),
    ]


def _operation(operation_id: str, summary: str, responses: dict, **extra) -> dict:
    return {
        "operationId": operation_id,
        "summary": summary,
        **extra,
        "responses": {**responses, **COMMON_RESPONSES},
    }


def _paths(statuses: Iterable[str]) -> dict:
    filters = _filters(statuses)
    return {
        "/issues.geojson": {
            "get": _operation(
                "issuesGeojson",
                "Visible reports as a GeoJSON FeatureCollection (the map)",
                {
                    "200": {
                        "description": "reports",
                        "content": _geojson("ReportsCollection"),
                    }
                },
                description="With `zoom` at most 14 and a `bbox` (and no date "
                "filter), a view of more reports than the map shows as points gets "
                "pre-counted clusters: properties `{cluster: true, count}` at the "
                "centroid of their reports. Otherwise the newest 500 points; `total` "
                "says how many match.",
                parameters=[
                    *filters,
                    _query(
                        "zoom",
                        {"type": "integer", "minimum": 0, "maximum": DB_INT_MAX},
                        "the map's zoom level",
                    ),
                ],
            )
        },
        "/issues": {
            "get": _operation(
                "listIssues",
                "Visible reports, newest first",
                {
                    "200": {
                        "description": "a page of reports",
                        "content": _json("ReportPage"),
                        "links": {
                            "GetFirstIssue": {
                                "operationId": "getIssue",
                                "parameters": {"id": "$response.body#/items/0/id"},
                            }
                        },
                    }
                },
                parameters=[
                    *filters,
                    _query(
                        "page", {"type": "integer", "minimum": 1, "maximum": DB_INT_MAX}
                    ),
                    _query(
                        "page_size", {"type": "integer", "minimum": 1, "maximum": 500}
                    ),
                ],
            )
        },
        "/issues/{id}": {
            "get": _operation(
                "getIssue",
                "One report with its public history",
                {
                    "200": {
                        "description": "the report",
                        "content": _json("ReportWithHistory"),
                    },
                    "404": _errors("no such visible report"),
                },
                parameters=[
                    {"name": "id", "in": "path", "required": True, "schema": ID}
                ],
            )
        },
        "/districts.geojson": {
            "get": _operation(
                "districtsGeojson",
                "District boundaries, names and populations",
                {
                    "200": {
                        "description": "districts",
                        "content": _geojson("DistrictsCollection"),
                    }
                },
            )
        },
        "/ladder/assess": {
            "post": _operation(
                "assessFacts",
                "Assess an engagement's facts on the ladder",
                {
                    "200": {
                        "description": "the assessment",
                        "content": _json("Assessment"),
                    },
                    "413": _errors("a body larger than the server accepts"),
                    "415": _errors("a body that is not JSON"),
                    "422": _errors("field-level errors in the document"),
                },
                description="The rubric of LADDER.md applied to a facts "
                "document: the evidenced rung, its caps, confidence, flags and "
                "trace (in the request's Accept-Language), and the gap to the "
                "claimed rung. Nothing is stored. A body that is not a JSON value "
                "(or holds NaN or an infinite number) is a 400.",
                requestBody={"required": True, "content": _json("FactsDocument")},
            )
        },
        "/openapi.json": {
            "get": _operation(
                "openapi",
                "This document",
                {
                    "200": {
                        "description": "OpenAPI 3.1",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                },
            )
        },
    }


def document(server_url: str, statuses: Iterable[str]) -> dict:
    """The API description, with this server's address and the workflow's statuses."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "participation API",
            "version": "1",
            "description": "Public data of the city's participation platform. Reports "
            "never reveal who made them unless the reporter chose to show their name.",
        },
        "servers": [{"url": server_url}],
        "paths": _paths(list(statuses)),
        "components": {"schemas": COMPONENTS},
    }
