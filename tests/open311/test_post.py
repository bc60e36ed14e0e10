"""POST requests and tokens: writes go through submit_report; errors change nothing."""

import json
import xml.etree.ElementTree as ET

import pytest
from sqlalchemy import select

from participation.issues.models import Report
from participation.open311.models import Open311Token
from tests.open311.conftest import both_formats, table_counts, validate, xml_data

BASE = "/open311/v2"


def check_posted(item: dict) -> None:
    """The answer to a POST, against the swagger document's RequestResponse.

    account_id is declared a string there while its own example answers null: this
    server keeps no account ids, so it is always null.
    """
    assert item["account_id"] is None
    rest = {k: v for k, v in item.items() if k != "account_id"}
    validate(rest, "swagger.json", "#/definitions/RequestResponse")


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_creates_a_report_through_the_shared_service(db, post, fmt, service):
    response = post(
        fmt,
        description="Dark since Monday.\nThe whole street.",
        address_string="Mill Lane 4",
        **{
            "attribute[KIND]": "flicker",
            "attribute[WHEN][]": ["day", "night"],
            "attribute[COUNT]": "3",
        },
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    if fmt == "json":
        assert response.headers["Content-Type"] == "application/json; charset=utf-8"
        (item,) = json.loads(response.data)
    else:
        assert response.headers["Content-Type"] == "text/xml; charset=utf-8"
        element = ET.fromstring(response.data)
        assert element.tag == "service_requests"
        (item,) = xml_data(element)
        assert item["account_id"] is None
        item["account_id"] = None
    check_posted(item)
    assert "does not store personal details" in item["service_notice"]
    report = db.session.scalars(select(Report)).one()
    assert item["service_request_id"] == str(report.id)
    assert report.source == "open311"
    assert report.reporter_id is None and report.show_name is False
    assert report.title == "Dark since Monday."
    assert report.description == "Dark since Monday.\nThe whole street."
    assert report.location_text == "Mill Lane 4"
    assert report.district.name == "West Bank"  # the district lookup is shared
    assert report.status == "new"
    assert report.attribute_values == {
        "POLE": "L-17",
        "KIND": "flicker",
        "WHEN": ["day", "night"],
        "COUNT": 3,
    }
    token = db.session.scalars(select(Open311Token)).one()
    assert token.token == item["token"] and token.report_id == report.id


def test_token_resolves_to_the_request(client, post):
    item = post().get_json()[0]
    data = both_formats(
        client, BASE + f"/tokens/{item['token']}.{{fmt}}", "service_requests"
    )
    assert data == [
        {"service_request_id": item["service_request_id"], "token": item["token"]}
    ]
    validate(data[0], "swagger.json", "#/definitions/TokenResponse")
    # And the request reads back like any other.
    records = both_formats(
        client,
        BASE + f"/requests/{item['service_request_id']}.{{fmt}}",
        "service_requests",
    )
    validate(records, "requests.json")
    assert records[0]["status"] == "open"
    assert records[0]["description"] == "Dark since Monday."


def test_title_falls_back_to_the_service_and_long_lines_are_cut(db, post):
    assert post(description=None).status_code == 200
    long_line = "word " * 60
    assert post(description=long_line, lat="52.85").status_code == 200
    titles = [r.title for r in db.session.scalars(select(Report).order_by(Report.id))]
    assert titles[0] == "Street light out"
    assert len(titles[1]) <= 120 and titles[1].endswith("…")


def test_jurisdiction_of_this_deployment_is_accepted(post):
    assert post(jurisdiction_id="localhost").status_code == 200


def error_cases():
    return [
        # (fields, expected status, parameters named in the error descriptions)
        ({"api_key": None}, 403, ["api_key"]),
        ({"api_key": "made-up"}, 403, ["api_key"]),
        ({"jurisdiction_id": "elsewhere.example"}, 404, ["jurisdiction_id"]),
        ({"service_code": "nothing"}, 404, ["service_code"]),
        ({"service_code": None}, 400, ["service_code"]),
        (
            {"service_code": None, "lat": None, "long": None},
            400,
            ["service_code", "lat/long"],
        ),
        ({"lat": None, "long": None}, 400, ["lat/long"]),
        (
            {"lat": None, "long": None, "address_string": "Mill Lane 4"},
            400,
            ["lat/long"],
        ),
        ({"lat": None, "long": None, "address_id": "545483"}, 400, ["lat/long"]),
        ({"long": None}, 400, ["lat/long"]),
        ({"lat": "north"}, 400, ["lat/long"]),
        ({"lat": "40.4", "long": "-3.7"}, 400, ["lat/long"]),  # outside the city
        ({"lat": "95", "long": "-3.7"}, 400, ["lat/long"]),
        ({"description": "x" * 4001}, 400, ["description"]),
        ({"description": "<b>Dark</b>"}, 400, ["description"]),
        ({"attribute[POLE]": None}, 400, ["attribute[POLE]"]),
        ({"attribute[KIND]": "broken"}, 400, ["attribute[KIND]"]),
        ({"attribute[WHEN][]": ["day", "noon"]}, 400, ["attribute[WHEN]"]),
        ({"attribute[COUNT]": "many"}, 400, ["attribute[COUNT]"]),
        ({"attribute[COLOUR]": "red"}, 400, ["attribute[COLOUR]"]),
        (
            {"attribute[POLE]": None, "attribute[COUNT]": "x", "description": "<p>"},
            400,
            ["description", "attribute[POLE]", "attribute[COUNT]"],
        ),
    ]


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(("fields", "status", "parameters"), error_cases())
def test_errors_change_nothing(db, post, fmt, fields, status, parameters):
    before = table_counts(db)
    response = post(fmt, **fields)
    assert response.status_code == status, response.get_data(as_text=True)
    if fmt == "json":
        errors = response.get_json()
    else:
        root = ET.fromstring(response.data)
        assert root.tag == "errors"
        errors = [
            {"code": int(e.findtext("code")), "description": e.findtext("description")}
            for e in root.findall("error")
        ]
    assert {e["code"] for e in errors} == {status}
    named = [e["description"].split(":")[0] for e in errors]
    if status == 400:
        assert named == parameters
    else:
        assert all(
            p in e["description"] for p, e in zip(parameters, errors, strict=True)
        )
    assert table_counts(db) == before


def test_no_geocoding_is_explained(post):
    response = post(lat=None, long=None, address_string="Mill Lane 4")
    assert "does not geocode" in response.get_json()[0]["description"]


def test_revoked_key_is_refused(app, db, post, api_key):
    from participation.open311.keys import key_for, revoke_key

    assert post().status_code == 200
    revoke_key(None, key_for(api_key).prefix)
    before = table_counts(db)
    response = post()
    assert response.status_code == 403
    assert response.get_json() == [
        {"code": 403, "description": "api_key is missing, unknown or revoked."}
    ]
    assert table_counts(db) == before


def test_posting_needs_no_csrf_token_but_a_key(client, service):
    """The key authenticates the client; a browser session is worth nothing here."""
    response = client.post(BASE + "/requests.json", data={"service_code": "x"})
    assert response.status_code == 403


def test_parameters_may_come_in_the_query_string(client, db, service, api_key):
    response = client.post(
        BASE + f"/requests.json?api_key={api_key}&service_code=streetlight",
        data={"lat": "52.84", "long": "-7.40", "attribute[POLE]": "1"},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    assert db.session.scalars(select(Report)).one().source == "open311"


def test_post_is_rate_limited_per_key(app, db, service, square_city):
    from participation.open311.keys import issue_key
    from tests.conftest import make_app

    limited = make_app(
        app.config["SQLALCHEMY_DATABASE_URI"],
        app.instance_path,
        OPEN311_RATE_LIMIT="2 per minute",
    )
    client = limited.test_client()
    first, second = issue_key(None, "Busy")[1], issue_key(None, "Quiet")[1]

    def send(secret):
        return client.post(
            BASE + "/requests.json",
            data={
                "api_key": secret,
                "service_code": "streetlight",
                "lat": "52.84",
                "long": "-7.40",
                "attribute[POLE]": "1",
            },
        )

    assert [send(first).status_code for _ in range(2)] == [200, 200]
    refused = send(first)
    assert refused.status_code == 429
    assert refused.get_json()[0]["code"] == 429
    assert send(second).status_code == 200  # another key has its own allowance
    assert len(db.session.scalars(select(Report)).all()) == 3
    with limited.app_context():
        from participation.extensions import db as _db

        _db.engine.dispose()


def test_address_id_names_a_landmark(db, post):
    from participation.issues.models import Landmark

    bridge = Landmark(name="Aven Bridge", lat=52.841, lon=-7.36)
    db.session.add(bridge)
    db.session.commit()
    response = post(lat=None, long=None, address_id=str(bridge.id))
    assert response.status_code == 200, response.get_data(as_text=True)
    report = db.session.scalars(select(Report)).one()
    assert (report.lat, report.lon, report.district.name) == (
        52.841,
        -7.36,
        "East Bank",
    )
    assert report.location_text == "Aven Bridge"
    unknown = post(lat=None, long=None, address_id="999")
    assert unknown.status_code == 400
    assert "does not geocode" in unknown.get_json()[0]["description"]
