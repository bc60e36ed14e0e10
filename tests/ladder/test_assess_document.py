"""Assessing a facts document from anywhere: `flask ladder assess` and
POST /api/v1/ladder/assess, both described by the JSON Schemas of the OpenAPI file."""

import json

import pytest
from jsonschema import Draft202012Validator

from participation.ladder.document import (
    ASSESSMENT_SCHEMA,
    FACTS_DOCUMENT_SCHEMA,
    assess_document,
    problems,
)

BALLOT = {
    "kind": "budget",
    "claimed_rung": 7,
    "as_of": "2026-12-01",
    "facts": {
        "input_kind": {"value": "vote", "provenance": "observed"},
        "bindingness": {
            "value": "binding",
            "provenance": "documented",
            "evidence": "https://example.org/council/2026-02-01",
        },
        "delegated_scope": {
            "value": 1_000_000,
            "provenance": "documented",
            "evidence": "Budget line 4.2",
        },
        "opens_at": {"value": "2026-03-01", "provenance": "observed"},
        "decided_at": {"value": "2026-06-01T10:00:00+00:00", "provenance": "observed"},
    },
}


def test_a_valid_document_is_assessed():
    assert problems(BALLOT) == []
    a = assess_document(BALLOT)
    assert (a.rung, a.gap) == (7, 0)


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        (lambda d: d.pop("kind"), "kind", "required"),
        (lambda d: d.update(kind="festival"), "kind", "choice"),
        (lambda d: d.update(claimed_rung=9), "claimed_rung", "maximum"),
        (lambda d: d.update(colour="red"), "colour", "unknown"),
        (
            lambda d: d["facts"].update(mood={"value": 1, "provenance": "observed"}),
            "facts.mood",
            "unknown",
        ),
        (
            lambda d: d["facts"]["bindingness"].update(provenance="rumour"),
            "facts.bindingness.provenance",
            "choice",
        ),
        (
            lambda d: d["facts"]["bindingness"].pop("evidence"),
            "facts.bindingness.evidence",
            "required",
        ),
        (
            lambda d: d["facts"]["bindingness"].update(evidence=""),
            "facts.bindingness.evidence",
            "evidence",
        ),
        (
            lambda d: d["facts"]["delegated_scope"].update(value="lots"),
            "facts.delegated_scope.value",
            "type",
        ),
        (
            lambda d: d["facts"]["opens_at"].update(value="spring"),
            "facts.opens_at.value",
            "date",
        ),
        (
            lambda d: d["facts"].update(
                board={"value": {"resident_seats": -1}, "provenance": "declared"}
            ),
            "facts.board.value.resident_seats",
            "minimum",
        ),
        (
            lambda d: d["facts"]["input_kind"].pop("value"),
            "facts.input_kind.value",
            "required",
        ),
    ],
)
def test_malformed_documents_get_field_level_problems(change, field, code):
    document = json.loads(json.dumps(BALLOT))
    change(document)
    assert (field, code) in [(f, c) for f, c, _v in problems(document)]


def test_the_api_answers_with_the_assessment_schema(client):
    response = client.post("/api/v1/ladder/assess", json=BALLOT)
    assert response.status_code == 200
    body = response.get_json()
    Draft202012Validator(ASSESSMENT_SCHEMA).validate(body)
    assert (body["rung"], body["name"], body["tier"]) == (
        7,
        "Delegated power",
        "citizen_power",
    )
    assert body["gap"] == 0 and body["confidence"] == 1.0
    holds = next(t for t in body["trace"] if t["text"].startswith("7 "))
    assert {"key": "bindingness", "provenance": "documented"} in holds["facts"]


def test_the_api_gives_field_level_errors_in_the_readers_language(client):
    document = json.loads(json.dumps(BALLOT))
    document["facts"]["bindingness"]["evidence"] = ""
    del document["kind"]
    response = client.post(
        "/api/v1/ladder/assess", json=document, headers={"Accept-Language": "es"}
    )
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.get_json()["errors"]}
    assert set(errors) == {"kind", "facts.bindingness.evidence"}
    assert errors["kind"] == "Este campo es obligatorio."
    bad = client.post(
        "/api/v1/ladder/assess", data="{nope", content_type="application/json"
    )
    assert bad.status_code == 400 and bad.get_json()["errors"][0]["field"] is None


def test_the_trace_comes_in_the_readers_language(client):
    response = client.post(
        "/api/v1/ladder/assess", json=BALLOT, headers={"Accept-Language": "fr"}
    )
    texts = [t["text"] for t in response.get_json()["trace"]]
    assert "7 Délégation de pouvoir\u00a0: ses conditions sont réunies." in texts, texts


def test_the_openapi_document_carries_both_schemas(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    schemas = spec["components"]["schemas"]
    assert schemas["FactsDocument"]["properties"]["facts"]["properties"].keys() == (
        FACTS_DOCUMENT_SCHEMA["properties"]["facts"]["properties"].keys()
    )
    assert "Assessment" in schemas
    post = spec["paths"]["/ladder/assess"]["post"]
    # Besides its answer and the facts' errors, every status the server can give.
    assert set(post["responses"]) == {"200", "400", "405", "413", "415", "422"}


def test_the_command_line_assesses_a_file(app, tmp_path):
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(BALLOT))
    result = app.test_cli_runner().invoke(args=["ladder", "assess", str(path)])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    Draft202012Validator(ASSESSMENT_SCHEMA).validate(answer)
    assert answer["rung"] == 7
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"kind": "festival", "facts": {}}))
    result = app.test_cli_runner().invoke(args=["ladder", "assess", str(broken)])
    assert result.exit_code == 1
    assert "kind: Choose one of: issue_channel, consultation, budget, meeting." in (
        result.output
    )


def changed(document, **facts):
    """The document with these facts' values replaced (or added, documented)."""
    document = json.loads(json.dumps(document))
    for key, value in facts.items():
        document["facts"][key] = {
            "value": value,
            "provenance": "documented",
            "evidence": "minutes",
        }
    return document


@pytest.mark.parametrize(
    ("facts", "field", "code"),
    [
        (
            {"board": {"resident_seats": 9, "total_seats": 3}},
            "facts.board.value.resident_seats",
            "seats",
        ),
        ({"closes_at": "2026-02-28"}, "facts.closes_at.value", "closes_before_opening"),
        (  # a binding vote decided before it opened
            {"decided_at": "2026-02-01"},
            "facts.decided_at.value",
            "decided_before_binding_input",
        ),
        (
            {"resident_options_adopted": 3, "residents_set_options": False},
            "facts.resident_options_adopted.value",
            "options_not_set",
        ),
        (
            {"delivery": {"winners": 4, "implemented": 5}},
            "facts.delivery.value.implemented",
            "over_winners",
        ),
        (
            {"delivery": {"winners": 4, "on_time": 5}},
            "facts.delivery.value.on_time",
            "over_winners",
        ),
        (
            {"delivery": {"winners": 4, "implemented": 2, "on_time": 3}},
            "facts.delivery.value.on_time",
            "on_time_over_implemented",
        ),
        (
            {"delivery": {"share_implemented": 0.5, "share_on_time": 0.6}},
            "facts.delivery.value.share_on_time",
            "on_time_over_implemented",
        ),
        (
            {"delivery": {"share_implemented": 1.2}},
            "facts.delivery.value.share_implemented",
            "maximum",
        ),
        (
            {"delivery": {"measured_by": "votes"}},
            "facts.delivery.value.measured_by",
            "choice",
        ),
    ],
)
def test_facts_that_contradict_each_other_are_refused(facts, field, code):
    assert (field, code) in [(f, c) for f, c, _v in problems(changed(BALLOT, **facts))]


def test_consistent_facts_on_the_edges_are_accepted():
    same_day = changed(
        BALLOT,
        opens_at="2026-03-01T20:43:00+01:00",
        decided_at="2026-03-01",  # the same day: not before the opening
        closes_at="2026-03-01",
        board={"resident_seats": 3, "total_seats": 3},
        delivery={"winners": 4, "implemented": 4, "on_time": 4},
    )
    same_day["timezone"] = "Europe/Warsaw"
    assert problems(same_day) == []
    # An advisory consultation may well follow a decision: a cap, not an error.
    advisory = changed(BALLOT, bindingness="advisory", decided_at="2026-02-01")
    advisory["facts"]["input_kind"]["value"] = "feedback"
    advisory["facts"]["delegated_scope"]["value"] = 0
    assert problems(advisory) == []
    assert assess_document(advisory).rung == 3
    for zone in ("Mars/Olympus", "Europe", "a" * 60):
        refused = problems({**BALLOT, "timezone": zone})
        assert [c for _f, c, _v in refused] == ["timezone"], zone
    assert [c for _f, c, _v in problems({**BALLOT, "timezone": ""})] == ["invalid"]


@pytest.mark.parametrize(
    ("language", "seats", "decided"),
    [
        (
            "en",
            "Residents cannot hold more seats than the board has (3).",
            "A decision taken before the opening cannot be bound by residents' "
            "input, yet the facts claim a binding vote or delegated power.",
        ),
        (
            "pl",
            "Mieszkańcy nie mogą mieć więcej miejsc, niż liczy rada (3).",
            "Decyzja podjęta przed otwarciem nie może być związana głosem "
            "mieszkańców, a fakty twierdzą, że było wiążące głosowanie lub "
            "przekazana władza.",
        ),
    ],
)
def test_the_api_refuses_contradictions_field_by_field(
    client, language, seats, decided
):
    document = changed(
        BALLOT,
        board={"resident_seats": 9, "total_seats": 3},
        decided_at="2026-02-01",
    )
    response = client.post(
        "/api/v1/ladder/assess", json=document, headers={"Accept-Language": language}
    )
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.get_json()["errors"]}
    assert errors == {
        "facts.board.value.resident_seats": seats,
        "facts.decided_at.value": decided,
    }


def test_the_command_line_refuses_contradictions(app, tmp_path):
    path = tmp_path / "facts.json"
    path.write_text(
        json.dumps(changed(BALLOT, board={"resident_seats": 9, "total_seats": 3}))
    )
    result = app.test_cli_runner().invoke(args=["ladder", "assess", str(path)])
    assert result.exit_code == 1
    assert (
        "facts.board.value.resident_seats: Residents cannot hold more seats than the "
        "board has (3)." in result.output
    )


def test_a_documents_days_are_read_in_its_timezone():
    # Opened 20:43 in Auckland on 1 March (07:43 UTC), decided on 1 March: timely.
    document = changed(
        BALLOT, opens_at="2026-03-01T07:43:00+00:00", decided_at="2026-03-01"
    )
    document["timezone"] = "Pacific/Auckland"
    assert problems(document) == []
    assert assess_document(document).rung == 7
    # At UTC+14, 07:43 UTC is 21:43 on 1 March: the same day, timely; 12:00 UTC is
    # already 2 March there, so the decision of 1 March came first.
    document["timezone"] = "Pacific/Kiritimati"
    assert problems(document) == []
    document["facts"]["opens_at"]["value"] = "2026-03-01T12:00:00+00:00"  # 2 March
    assert [c for _f, c, _v in problems(document)] == ["decided_before_binding_input"]


def test_a_moment_no_timezone_can_hold_is_a_field_error_not_a_server_error(client):
    document = json.loads(json.dumps(BALLOT))
    document["timezone"] = "Pacific/Auckland"
    document["facts"]["decided_at"] = {
        "value": "9999-12-31T23:59:00+00:00",
        "provenance": "documented",
        "evidence": "https://example.org/minutes",
    }
    response = client.post("/api/v1/ladder/assess", json=document)
    assert response.status_code == 422
    fields = {e["field"] for e in response.get_json()["errors"]}
    assert "facts.decided_at.value" in fields
