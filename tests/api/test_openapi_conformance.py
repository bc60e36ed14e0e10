"""The JSON API and its OpenAPI document agree: schemathesis generates requests from
the app's own document (valid ones and invalid ones, unsupported methods and media
types) and runs all its checks on every answer."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from participation.api.openapi import document
from participation.issues.workflow import Workflow
from participation.ladder.consistency import BEYOND_SCHEMA
from participation.ladder.document import problems

BASE_URL = "http://localhost/api/v1"
CONFIG = SchemathesisConfig.from_dict(
    {
        # Reproducible in CI, and nothing written into the working tree.
        "seed": 17,
        "generation": {"deterministic": True, "database": "none", "max-examples": 60},
    }
)
# The document the app serves (the `api` fixture checks it is the same).
schema = schemathesis.openapi.from_dict(
    document(BASE_URL, Workflow().statuses), config=CONFIG
)


def _corners(case) -> list[float] | None:
    """The four numbers of a generated bbox (sent as "west,south,east,north")."""
    parts = str((case.query or {}).get("bbox", "")).split(",")
    try:
        corners = [float(part) for part in parts]
    except ValueError:
        return None
    return corners if len(corners) == 4 else None


def _beyond_schema(case) -> bool:
    """A facts document refused by a rule JSON Schema cannot state: facts that
    contradict each other, a timezone that is no IANA name (the document says so in
    words)."""
    if not isinstance(case.body, dict):
        return False
    found = problems(case.body)
    return bool(found) and all(code in BEYOND_SCHEMA for _f, code, _v in found)


@schema.hook
def filter_case(context, case):
    """Leave out boxes without width or height: the rule west < east, south < north
    is one JSON Schema cannot state (the document says it in words); and so for the
    facts documents of _beyond_schema."""
    if _beyond_schema(case):
        return False
    corners = _corners(case)
    return corners is None or (corners[0] != corners[2] and corners[1] != corners[3])


@schema.hook
def map_case(context, case):
    """Put a generated box's corners in order (see filter_case)."""
    corners = _corners(case)
    if corners is not None:
        west, east = sorted(corners[0::2])
        south, north = sorted(corners[1::2])
        case.query["bbox"] = ",".join(map(repr, (west, south, east, north)))
    return case


@pytest.fixture
def api(server, client, square_city, make_report, make_category):
    """The app, serving the document the tests are generated from, over a city with
    a few reports."""
    served = client.get("/api/v1/openapi.json").get_json()
    assert served == document(served["servers"][0]["url"], Workflow().statuses)
    potholes = make_category(code="pothole", name="Pothole", department="Roads")
    make_report(title="West light", lat=52.84, lon=-7.42)
    make_report(category=potholes, title="East hole", lat=52.84, lon=-7.35)
    return server


@schema.parametrize()
# The API only reads (and computes): one city shared by all examples is safe.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
def test_api_conforms_to_its_document(case, api):
    case.call_and_validate(app=api)


def test_links_lead_from_the_list_to_each_report(api):
    """Stateful: the document's link from a page of reports to one of them."""

    class Links(schema.as_state_machine()):
        def get_call_kwargs(self, case):
            return {"app": api}

    Links.run(
        settings=settings(
            max_examples=15,
            stateful_step_count=3,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
    )
