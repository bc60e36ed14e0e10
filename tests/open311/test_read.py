"""GET endpoints: discovery, services, service definitions, requests, in XML and JSON."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from participation.issues.models import Report
from participation.types import utcnow
from tests.open311.conftest import both_formats, validate

BASE = "/open311/v2"


def age(db, report, days: float) -> None:
    report.created_at = report.updated_at = utcnow() - timedelta(days=days)
    db.session.commit()


def test_discovery(client, square_city):
    data = both_formats(client, BASE + "/discovery.{fmt}", "discovery")
    assert set(data) == {"changeset", "contact", "key_service", "endpoints"}
    (endpoint,) = data["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://localhost/open311/v2/"
    assert endpoint["type"] in ("production", "test")
    assert endpoint["formats"] == ["text/xml", "application/json"]
    assert "administrators" in data["key_service"]


def test_services(client, service, make_category):
    make_category(code="pothole", name="Pothole", department="Roads")
    make_category(code="old", name="Retired", active=False)
    data = both_formats(client, BASE + "/services.{fmt}", "services")
    validate(data, "services.json")
    assert [s["service_code"] for s in data] == ["pothole", "streetlight"]
    light = data[1]
    assert light == {
        "service_code": "streetlight",
        "service_name": "Street light out",
        "description": "A street light that does not work.",
        "metadata": True,
        "type": "realtime",
        "keywords": "lamp, light, dark",
        "group": "Streets",
    }
    assert data[0]["metadata"] is False and data[0]["group"] is None


def test_service_definition(client, service):
    data = both_formats(
        client, BASE + "/services/streetlight.{fmt}", "service_definition"
    )
    validate(data, "service-definition.json")
    assert data["service_code"] == "streetlight"
    assert [a["code"] for a in data["attributes"]] == [
        "KIND",
        "POLE",
        "WHEN",
        "COUNT",
        "NOTE",
    ]
    kind = data["attributes"][0]
    assert kind["datatype"] == "singlevaluelist" and kind["required"] is False
    assert kind["values"] == [
        {"key": "out", "name": "Out"},
        {"key": "flicker", "name": "Flickers"},
    ]
    assert data["attributes"][1]["datatype_description"] == (
        "The number painted on the pole."
    )
    assert data["attributes"][4]["variable"] is False


@pytest.mark.parametrize(
    "url",
    [
        "/services/nothing.{fmt}",
        "/requests/999999.{fmt}",
        "/requests/abc.{fmt}",
        "/tokens/no-such-token.{fmt}",
        "/services.{fmt}?jurisdiction_id=elsewhere.example",
        "/requests.{fmt}?jurisdiction_id=elsewhere.example",
        "/discovery.{fmt}?jurisdiction_id=elsewhere.example",
        "/no-such-resource.{fmt}",
    ],
)
def test_unknown_things_are_404_in_the_error_format(client, service, url):
    data = both_formats(client, BASE + url, "errors", expected_status=404)
    assert len(data) == 1 and data[0]["code"] == 404 and data[0]["description"]


def test_inactive_service_is_unknown(client, make_category, square_city):
    make_category(code="old", name="Retired", active=False)
    both_formats(client, BASE + "/services/old.{fmt}", "errors", expected_status=404)


def test_jurisdiction_id_of_this_deployment_or_none_is_fine(client, service, app):
    assert client.get(BASE + "/services.json?jurisdiction_id=").status_code == 200
    assert (
        client.get(BASE + "/services.json?jurisdiction_id=localhost").status_code == 200
    )


def test_request_list_and_detail(client, db, service, make_report, make_user):
    from participation.issues.services import change_status

    report = make_report(
        category=service,
        description="Dark since Monday.",
        location_text="Mill Lane 4",
        attribute_values={"POLE": "L-17"},
    )
    staff = make_user("planner")
    change_status(staff, report.id, "acknowledged", "We have seen it.", "en")
    change_status(staff, report.id, "fixed", "New bulb fitted.", "en")
    data = both_formats(client, BASE + "/requests.{fmt}", "service_requests")
    validate(data, "requests.json")
    (record,) = data
    assert record["service_request_id"] == str(report.id)
    assert record["status"] == "closed"
    assert record["status_notes"] == "New bulb fitted."
    assert record["service_code"] == "streetlight"
    assert record["service_name"] == "Street light out"
    assert record["agency_responsible"] == "Lighting"
    assert record["address"] == "Mill Lane 4"
    assert record["description"] == "Light out on Mill Lane\n\nDark since Monday."
    assert (record["lat"], record["long"]) == (52.84, -7.40)
    assert record["media_url"] is None
    # Times in the city's timezone (Madrid), with its offset.
    assert record["requested_datetime"][-6:] in ("+01:00", "+02:00")
    assert record["updated_datetime"] >= record["requested_datetime"]
    detail = both_formats(
        client, BASE + f"/requests/{report.id}.{{fmt}}", "service_requests"
    )
    validate(detail, "requests.json")
    assert detail == data


def test_internal_statuses_map_to_open_and_closed(
    client, db, service, make_report, make_user
):
    from participation.issues.city_workflow import workflow
    from participation.issues.services import change_status

    staff = make_user("planner")
    ids = {}
    for n, status in enumerate(workflow().statuses):
        report = make_report(category=service, lat=52.81 + n * 0.005)
        if status != "new":
            report.status = status
            db.session.commit()
        ids[str(report.id)] = "open" if workflow()[status].is_open else "closed"
    change_status(staff, int(min(ids, key=int)), "in_progress", "On it.", "en")
    data = both_formats(client, BASE + "/requests.{fmt}", "service_requests")
    assert {r["service_request_id"]: r["status"] for r in data} == ids
    assert set(ids.values()) == {"open", "closed"}
    opened = both_formats(
        client, BASE + "/requests.{fmt}?status=open", "service_requests"
    )
    assert {r["service_request_id"] for r in opened} == {
        i for i, s in ids.items() if s == "open"
    }
    closed = both_formats(
        client, BASE + "/requests.{fmt}?status=closed", "service_requests"
    )
    assert {r["status"] for r in closed} == {"closed"}
    every = both_formats(
        client, BASE + "/requests.{fmt}?status=open,closed", "service_requests"
    )
    assert len(every) == len(ids)


def test_photo_is_the_media_url(client, db, service, make_report):
    from participation.core.photos import store_photo

    report = make_report(category=service)
    report.photo = store_photo(b"not really a jpeg")
    db.session.commit()
    (record,) = both_formats(
        client, BASE + f"/requests/{report.id}.{{fmt}}", "service_requests"
    )
    validate([record], "requests.json")
    assert record["media_url"] == f"http://localhost/reports/{report.id}/photo.jpg"
    assert client.get(record["media_url"]).status_code == 200


def test_hidden_reports_are_not_published(client, db, service, make_report):
    report = make_report(category=service)
    report.hidden_reason = "abusive"
    db.session.commit()
    assert both_formats(client, BASE + "/requests.{fmt}", "service_requests") == []
    both_formats(
        client, BASE + f"/requests/{report.id}.{{fmt}}", "errors", expected_status=404
    )


def test_default_window_is_the_last_90_days(client, db, service, make_report):
    recent = make_report(category=service)
    old = make_report(category=service, lat=52.85)
    age(db, old, 100)
    data = both_formats(client, BASE + "/requests.{fmt}", "service_requests")
    assert [r["service_request_id"] for r in data] == [str(recent.id)]
    since = (utcnow() - timedelta(days=120)).date().isoformat()
    data = both_formats(
        client, BASE + f"/requests.{{fmt}}?start_date={since}", "service_requests"
    )
    assert [r["service_request_id"] for r in data] == [str(old.id)]
    # service_request_id overrides every other filter, the window included.
    data = both_formats(
        client,
        BASE + f"/requests.{{fmt}}?service_request_id={old.id},{recent.id}"
        "&status=open&service_code=other",
        "service_requests",
    )
    assert {r["service_request_id"] for r in data} == {str(old.id), str(recent.id)}


def test_date_filters_with_offsets(client, db, service, make_report):
    report = make_report(category=service)
    age(db, report, 10)
    start = (utcnow() - timedelta(days=11)).strftime("%Y-%m-%dT%H:%M:%S")
    end = (utcnow() - timedelta(days=9)).strftime("%Y-%m-%dT%H:%M:%S")
    for suffix in ("Z", "%2B00:00", "+00:00"):  # "+" unencoded arrives as a space
        url = f"/requests.{{fmt}}?start_date={start}{suffix}&end_date={end}{suffix}"
        data = both_formats(client, BASE + url, "service_requests")
        assert [r["service_request_id"] for r in data] == [str(report.id)]
    url = f"/requests.{{fmt}}?end_date={start}Z"
    assert both_formats(client, BASE + url, "service_requests") == []


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("start_date=yesterday", "start_date"),
        ("start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", "end_date"),
        ("start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z", "end_date"),
        ("status=pending", "status"),
        ("service_request_id=1,x", "service_request_id"),
        ("page=0", "page"),
        ("page_size=1001", "page_size"),
        ("bbox=1,2,3", "bbox"),
    ],
)
def test_bad_filters_are_400(client, service, query, parameter):
    data = both_formats(
        client, BASE + f"/requests.{{fmt}}?{query}", "errors", expected_status=400
    )
    assert data[0]["code"] == 400 and data[0]["description"].startswith(parameter)


def test_several_errors_come_together(client, service):
    data = both_formats(
        client,
        BASE + "/requests.{fmt}?status=pending&page=x&bbox=nowhere",
        "errors",
        expected_status=400,
    )
    assert [e["description"].split(":")[0] for e in data] == [
        "status",
        "bbox",
        "page",
    ]


def test_service_code_filter(client, service, make_category, make_report):
    pothole = make_category(code="pothole", name="Pothole", department="Roads")
    light = make_report(category=service)
    hole = make_report(category=pothole, lat=52.85)
    for codes, expected in [
        ("streetlight", {light.id}),
        ("pothole", {hole.id}),
        ("streetlight,pothole", {light.id, hole.id}),
        ("unknown", set()),
    ]:
        data = both_formats(
            client,
            BASE + f"/requests.{{fmt}}?service_code={codes}",
            "service_requests",
        )
        assert {int(r["service_request_id"]) for r in data} == expected


def test_paging_and_bbox_extensions(client, db, service, make_report):
    west = make_report(category=service, lat=52.84, lon=-7.42)
    east = make_report(category=service, lat=52.84, lon=-7.35)
    newest = make_report(category=service, lat=52.86, lon=-7.36)
    age(db, west, 3)
    age(db, east, 2)
    age(db, newest, 1)
    pages = [
        both_formats(
            client,
            BASE + f"/requests.{{fmt}}?page_size=2&page={page}",
            "service_requests",
        )
        for page in (1, 2, 3)
    ]
    assert [[r["service_request_id"] for r in p] for p in pages] == [
        [str(newest.id), str(east.id)],
        [str(west.id)],
        [],
    ]
    data = both_formats(
        client,
        BASE + "/requests.{fmt}?bbox=-7.39,52.80,-7.33,52.85",
        "service_requests",
    )
    assert [r["service_request_id"] for r in data] == [str(east.id)]


def test_at_most_1000_results(app, db, service):
    from participation.open311.services import RequestQuery, find_requests

    reports = [
        Report(
            category_id=service.id,
            title=f"Light {n}",
            lat=52.84,
            lon=-7.40,
            created_at=utcnow() - timedelta(minutes=n),
        )
        for n in range(1005)
    ]
    db.session.add_all(reports)
    db.session.commit()
    now = utcnow()
    found = find_requests(RequestQuery(start=now - timedelta(days=90), end=now))
    assert len(found) == 1000
    assert found[0].title == "Light 0"


def test_privacy_no_personal_data_in_any_get(client, db, service, make_user, post):
    from participation.issues.services import ReportData, submit_report

    resident = make_user(display_name="Ada Lovelace", email="ada@example.org")
    submit_report(
        resident,
        ReportData(
            category_id=service.id,
            title="Named report",
            lat=52.84,
            lon=-7.40,
            show_name=True,
            attribute_values={"POLE": "1"},
        ),
    )
    response = post(
        email="grace@example.org",
        first_name="Grace",
        last_name="Hopper",
        phone="+44 1234 567890",
        device_id="DEVICE-XYZ",
        account_id="ACCOUNT-42",
    )
    assert response.status_code == 200
    token = response.get_json()[0]["token"]
    ids = [str(r.id) for r in db.session.scalars(select(Report))]
    urls = [
        "/discovery.{fmt}",
        "/services.{fmt}",
        "/services/streetlight.{fmt}",
        "/requests.{fmt}",
        f"/requests.{{fmt}}?service_request_id={','.join(ids)}",
        *(f"/requests/{i}.{{fmt}}" for i in ids),
        f"/tokens/{token}.{{fmt}}",
    ]
    secrets = [
        "ada@example.org",
        "Ada Lovelace",
        "grace@example.org",
        "Grace",
        "Hopper",
        "1234 567890",
        "DEVICE-XYZ",
        "ACCOUNT-42",
    ]
    for url in urls:
        for fmt in ("json", "xml"):
            text = client.get(BASE + url.format(fmt=fmt)).get_data(as_text=True)
            for secret in secrets:
                assert secret not in text, (url, fmt, secret)
    # Not stored either: the database holds none of what the client sent about people.
    for report in db.session.scalars(select(Report).where(Report.source == "open311")):
        assert report.reporter_id is None
        assert "Grace" not in repr(report.attribute_values)


def test_get_is_readable_from_other_sites(client, service):
    response = client.get(BASE + "/services.json")
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_wrong_method_is_405_in_the_error_format(client, service):
    response = client.post(BASE + "/services.json")
    assert response.status_code == 405
    assert response.get_json()[0]["code"] == 405
