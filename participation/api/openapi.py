"""The OpenAPI 3.1 document of the JSON API v1."""

from participation.ladder.document import ASSESSMENT_SCHEMA, FACTS_DOCUMENT_SCHEMA


def _bare(schema: dict) -> dict:
    """A JSON Schema as an OpenAPI component (without its $schema keyword)."""
    return {k: v for k, v in schema.items() if k != "$schema"}


ERROR = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {
                    "field": {"type": ["string", "null"]},
                    "message": {"type": "string"},
                },
            },
        }
    },
}

FILTERS = [
    {
        "name": "bbox",
        "in": "query",
        "schema": {"type": "string"},
        "description": "west,south,east,north in WGS84 degrees",
    },
    {
        "name": "status",
        "in": "query",
        "schema": {"type": "string"},
        "description": "open, closed, or a workflow status key",
    },
    {"name": "category", "in": "query", "schema": {"type": "integer"}},
    {"name": "district", "in": "query", "schema": {"type": "integer"}},
    {
        "name": "from",
        "in": "query",
        "schema": {"type": "string", "format": "date"},
        "description": "first day (city time), inclusive",
    },
    {
        "name": "to",
        "in": "query",
        "schema": {"type": "string", "format": "date"},
        "description": "last day (city time), inclusive",
    },
]

REPORT = {
    "type": "object",
    "required": ["id", "title", "status", "open", "lat", "lon", "created_at"],
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "description": {"type": "string"},
        "language": {"type": "string"},
        "status": {"type": "string"},
        "status_name": {"type": "string"},
        "open": {"type": "boolean"},
        "category": {"type": "object"},
        "department": {"type": "string"},
        "district": {"type": ["string", "null"]},
        "lat": {"type": "number"},
        "lon": {"type": "number"},
        "location": {"type": "string"},
        "supporters": {"type": "integer"},
        "reported_by": {
            "type": ["string", "null"],
            "description": "only when the reporter chose to show their name",
        },
        "photo_url": {"type": ["string", "null"]},
        "duplicate_of": {"type": ["integer", "null"]},
        "created_at": {"type": "string", "format": "date-time"},
        "updated_at": {"type": "string", "format": "date-time"},
        "url": {"type": "string"},
        "history": {"type": "array", "items": {"type": "object"}},
    },
}


def _bad_request():
    return {
        "description": "invalid parameters",
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}
        },
    }


def document(server_url: str) -> dict:
    """The API description, with this server's address."""
    geojson = {"application/geo+json": {"schema": {"type": "object"}}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "participation API",
            "version": "1",
            "description": "Public data of the city's participation platform. Reports "
            "never reveal who made them unless the reporter chose to show their name.",
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/issues.geojson": {
                "get": {
                    "summary": "Visible reports as a GeoJSON FeatureCollection (the map)",
                    "description": "With `zoom` at most 14 and a `bbox` (and no date "
                    "filter), features are pre-counted clusters: properties "
                    "`{cluster: true, count}` at the centroid of their reports.",
                    "parameters": [
                        *FILTERS,
                        {
                            "name": "zoom",
                            "in": "query",
                            "schema": {"type": "integer"},
                            "description": "the map's zoom level",
                        },
                    ],
                    "responses": {
                        "200": {"description": "reports", "content": geojson},
                        "400": _bad_request(),
                    },
                }
            },
            "/issues": {
                "get": {
                    "summary": "Visible reports, newest first",
                    "parameters": [
                        *FILTERS,
                        {"name": "page", "in": "query", "schema": {"type": "integer"}},
                        {
                            "name": "page_size",
                            "in": "query",
                            "schema": {"type": "integer", "maximum": 500},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "a page of reports",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "page": {"type": "integer"},
                                            "page_size": {"type": "integer"},
                                            "has_more": {"type": "boolean"},
                                            "items": {
                                                "type": "array",
                                                "items": {
                                                    "$ref": "#/components/schemas/Report"
                                                },
                                            },
                                        },
                                    }
                                }
                            },
                        },
                        "400": _bad_request(),
                    },
                }
            },
            "/issues/{id}": {
                "get": {
                    "summary": "One report with its public history",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer"},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "the report",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Report"}
                                }
                            },
                        },
                        "404": {
                            "description": "no such visible report",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Errors"}
                                }
                            },
                        },
                    },
                }
            },
            "/districts.geojson": {
                "get": {
                    "summary": "District boundaries, names and populations",
                    "responses": {
                        "200": {"description": "districts", "content": geojson}
                    },
                }
            },
            "/ladder/assess": {
                "post": {
                    "summary": "Assess an engagement's facts on the ladder",
                    "description": "The rubric of LADDER.md applied to a facts "
                    "document: the evidenced rung, its caps, confidence, flags and "
                    "trace (in the request's Accept-Language), and the gap to the "
                    "claimed rung. Nothing is stored.",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/FactsDocument"}
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "the assessment",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "$ref": "#/components/schemas/Assessment"
                                    }
                                }
                            },
                        },
                        "400": _bad_request(),
                        "422": {
                            "description": "field-level errors in the document",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Errors"}
                                }
                            },
                        },
                    },
                }
            },
            "/openapi.json": {
                "get": {
                    "summary": "This document",
                    "responses": {"200": {"description": "OpenAPI 3.1"}},
                }
            },
        },
        "components": {
            "schemas": {
                "Errors": ERROR,
                "Report": REPORT,
                "FactsDocument": _bare(FACTS_DOCUMENT_SCHEMA),
                "Assessment": _bare(ASSESSMENT_SCHEMA),
            }
        },
    }
