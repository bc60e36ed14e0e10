"""Arbitrary values in every POST field and query parameter: never a 5xx, always a
parseable error list or a success, and nothing stored when the answer is an error."""

import json
import xml.etree.ElementTree as ET
from urllib.parse import quote

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from participation.params import DB_INT_MAX
from tests.open311.conftest import spec_errors, validate, xml_data

BASE = "/open311/v2"
# Values past every limit this server checks, mixed with any text. Surrogates are left
# out: a client cannot encode them in UTF-8.
ABSURD = st.sampled_from(
    [
        "",
        "nan",
        "-inf",
        "1e308",
        "1e999",
        "-0",
        str(DB_INT_MAX),
        str(DB_INT_MAX + 1),
        str(2**63),
        "9" * 5000,
        "²",
        "9999-12-31T23:59:59Z",
        "0001-01-01T00:00:00+01:00",
        "x\x00y",
        "<b>html</b>",
        "a,b,,c",
        "ü" * 3000,
    ]
)
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
NUMBERS = st.one_of(st.integers(), st.floats()).map(str)
ANYTHING = st.one_of(ABSURD, TEXT, NUMBERS)
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# What a valid post sends, field by field (see conftest.ATTRIBUTES).
VALID = {
    "api_key": None,  # the shared key, filled in by the test
    "service_code": "streetlight",
    "lat": "52.84",
    "long": "-7.40",
    "attribute[POLE]": "L-17",
}
OPTIONAL = {
    "address_id": None,  # the shared landmark, filled in by the test
    "address_string": "Mill Lane 4",
    "description": "Dark since Monday.",
    "attribute[KIND]": "out",
    "attribute[WHEN][]": "night",
    "attribute[COUNT]": "2",
    "attribute[NOTE]": "Ignored: not an input.",
    "email": "someone@example.org",
    "device_id": "DEVICE-1",
    "media_url": "https://example.org/photo.jpg",
    "jurisdiction_id": "",
}


@st.composite
def parameters(draw, valid: dict, optional: dict) -> dict:
    """Valid parameters (the optional ones now and then) with up to three of them
    made arbitrary or left out, and now and then a parameter nobody knows."""
    names = [*valid, *optional]
    broken = draw(st.lists(st.sampled_from(names), max_size=3, unique=True))
    fields = {}
    for name in names:
        if name in broken:
            value = draw(st.one_of(st.none(), ANYTHING))
        elif name in valid or draw(st.booleans()):
            value = valid.get(name, optional.get(name))
        else:
            value = None
        if value is not None:
            fields[name] = value
    fields.update(draw(st.dictionaries(TEXT, ANYTHING, max_size=2)))
    return fields


def parse_answer(response, fmt: str):
    """The body as data: a success (a list of records) or a checked error list."""
    assert response.status_code < 500, response.data[:500]
    event(f"status {response.status_code}")  # --hypothesis-show-statistics
    if response.status_code != 200:
        return spec_errors(response, fmt)
    if fmt == "json":
        assert response.headers["Content-Type"] == "application/json; charset=utf-8"
        return json.loads(response.data)
    assert response.headers["Content-Type"] == "text/xml; charset=utf-8"
    return xml_data(ET.fromstring(response.data))


@given(data=st.data())
@SETTINGS
def test_arbitrary_posts(shared, data):
    valid = {**VALID, "api_key": shared.api_key}
    optional = {**OPTIONAL, "address_id": str(shared.landmark_id)}
    fields = data.draw(parameters(valid, optional))
    fmt = data.draw(st.sampled_from(["json", "xml"]))
    encoding = data.draw(st.sampled_from([None, "multipart/form-data"]))
    before = shared.counts()
    response = shared.client.post(
        BASE + f"/requests.{fmt}", data=fields, content_type=encoding
    )
    answer = parse_answer(response, fmt)
    after = shared.counts()
    if response.status_code == 200:
        (item,) = answer
        assert item["service_request_id"].isdigit() and item["token"]
        assert after["report"] == before["report"] + 1
    else:
        assert after == before


QUERY = {
    "service_request_id": "1",
    "service_code": "streetlight",
    "start_date": "2026-01-01T00:00:00Z",
    "end_date": "2026-03-01T00:00:00+01:00",
    "status": "open",
    "page": "1",
    "page_size": "10",
    "bbox": "-7.45,52.80,-7.33,52.88",
    "jurisdiction_id": "",
}


@given(data=st.data())
@SETTINGS
def test_arbitrary_queries(shared, data):
    resource = data.draw(st.sampled_from(["requests", "servicerequestupdates"]))
    query = data.draw(parameters({}, QUERY))
    fmt = data.draw(st.sampled_from(["json", "xml"]))
    response = shared.client.get(BASE + f"/{resource}.{fmt}", query_string=query)
    answer = parse_answer(response, fmt)
    if response.status_code == 200 and fmt == "json" and resource == "requests":
        validate(answer, "requests.json")


@given(
    resource=st.sampled_from(["requests", "services", "tokens"]),
    name=st.one_of(st.none(), ABSURD, TEXT, NUMBERS),
    fmt=st.sampled_from(["json", "xml"]),
)
@SETTINGS
def test_arbitrary_names_in_paths(shared, resource, name, fmt):
    if name is None:  # what exists, now and then
        name = {
            "requests": str(shared.report_id),
            "services": "streetlight",
            "tokens": shared.token,
        }[resource]
    path = quote(name, safe="")
    response = shared.client.get(BASE + f"/{resource}/{path}.{fmt}")
    parse_answer(response, fmt)
