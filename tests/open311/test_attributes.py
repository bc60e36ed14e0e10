"""The pure attribute rules, and the schema checker the view tests rely on."""

import pytest
from jsonschema import ValidationError

from participation.open311.attributes import check_values, definitions, posted_values
from tests.open311.conftest import ATTRIBUTES, validate

DEFINITIONS = definitions(ATTRIBUTES)


def test_definitions_are_sorted_and_complete():
    assert [a["code"] for a in DEFINITIONS] == ["KIND", "POLE", "WHEN", "COUNT", "NOTE"]
    for attribute in DEFINITIONS:
        assert set(attribute) == {
            "variable",
            "code",
            "datatype",
            "required",
            "datatype_description",
            "order",
            "description",
            "values",
        }
    validate(
        {"service_code": "x", "attributes": DEFINITIONS}, "service-definition.json"
    )


def test_malformed_stored_attributes_are_tolerated():
    raw = [{"code": "A", "datatype": "colour", "order": "x"}, {"name": "no code"}, 3]
    assert definitions(raw) == [
        {
            "variable": True,
            "code": "A",
            "datatype": "string",
            "required": False,
            "datatype_description": None,
            "order": None,
            "description": None,
            "values": [],
        }
    ]
    assert definitions(None) == []


def test_posted_values_read_both_spellings():
    form = {
        "attribute[POLE]": ["L-1"],
        "attribute[WHEN][]": ["day", ""],
        "attribute[WHEN]": ["night"],
        "attributes": ["ignored"],
        "attribute[]": ["ignored"],
    }
    assert posted_values(form) == {"POLE": ["L-1"], "WHEN": ["day", "night"]}


@pytest.mark.parametrize(
    ("posted", "values", "errors"),
    [
        ({"POLE": ["1"]}, {"POLE": "1"}, {}),
        ({}, {}, {"attribute[POLE]": "This attribute is required."}),
        ({"POLE": ["1", "2"]}, {}, {"attribute[POLE]": "Give one value only."}),
        ({"POLE": ["x" * 301]}, {}, {"attribute[POLE]": "Use at most 300 characters."}),
        ({"POLE": ["1"], "COUNT": ["2.5"]}, {"POLE": "1", "COUNT": 2.5}, {}),
        ({"POLE": ["1"], "COUNT": ["7"]}, {"POLE": "1", "COUNT": 7}, {}),
        (
            {"POLE": ["1"], "WHEN": ["night", "night"]},
            {"POLE": "1", "WHEN": ["night"]},
            {},
        ),
        ({"POLE": ["1"], "NOTE": ["hello"]}, {"POLE": "1"}, {}),  # not an input
    ],
)
def test_check_values(posted, values, errors):
    found_values, found_errors = check_values(DEFINITIONS, posted)
    assert found_errors == errors
    if not errors:
        assert found_values == values


@pytest.mark.parametrize("bad", ["nan", "inf", "ten", ""])
def test_numbers_must_be_finite(bad):
    _, errors = check_values(
        DEFINITIONS, {"POLE": ["1"], "COUNT": [bad]} if bad else {}
    )
    assert ("attribute[COUNT]" in errors) == bool(bad)


def test_datetime_attribute():
    attributes = definitions([{"code": "AT", "datatype": "datetime"}])
    values, errors = check_values(attributes, {"AT": ["2026-05-01T14:30:00+02:00"]})
    assert values == {"AT": "2026-05-01T14:30:00+02:00"} and not errors
    _, errors = check_values(attributes, {"AT": ["tomorrow"]})
    assert "ISO 8601" in errors["attribute[AT]"]


def test_the_schema_checker_rejects_what_the_schemas_forbid():
    good = {
        "service_request_id": "1",
        "status": "open",
        "service_code": "x",
        "requested_datetime": "2026-05-01T14:30:00+02:00",
    }
    validate([good], "requests.json")
    for bad in (
        {**good, "service_request_id": 1},
        {**good, "status": "in_progress"},
        {**good, "requested_datetime": "2026-05-01T14:30:00"},  # no offset
        {**good, "media_url": "not a url"},
    ):
        with pytest.raises(ValidationError):
            validate([bad], "requests.json")
