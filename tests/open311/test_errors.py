"""Every failure under /open311/v2 is a GeoReport v2 error list in the format the URL
asks for, with the right status: absurd dates, numbers, ids and coordinates, wrong
methods, content types and addresses. Never an HTML page, never a 5xx."""

import json

import pytest

from participation.params import DB_INT_MAX
from tests.conftest import make_app
from tests.open311.conftest import spec_errors

BASE = "/open311/v2"
FORMATS = ["json", "xml"]
TOO_BIG = [str(DB_INT_MAX + 1), str(2**63), "9" * 40, "9" * 5000]
# %2B is "+" ("+" itself is a space in a query string, and ids may have spaces).
NOT_IDS = ["0", "-1", "%2B1", "1e3", "1.0", "²", "١٢", "0x1F", "nan", "x"]
ABSURD_DATES = [
    "9999-12-31T23:59:59Z",  # issue 17: its window would end past the calendar
    "0001-01-01T00:00:00Z",
    "0001-01-01T00:00:00%2B01:00",  # to UTC: before the calendar starts
    "9999-12-31T23:59:59-01:00",
    "1899-12-31T23:59:59Z",
    "2026-13-01T00:00:00Z",
    "2026-02-30",
    "yesterday",
    "1e308",
    "nan",
    "9" * 5000,
]
NOT_FINITE = ["nan", "NaN", "-nan", "inf", "-inf", "Infinity", "1e999"]
ABSURD_BBOXES = [
    "nan,nan,nan,nan",
    "-inf,-90,inf,90",
    "-1e308,-90,1e308,90",
    "-7.4,52.8,-7.3",
    "-7.3,52.8,-7.4,52.9",
    "-181,52.8,-7.3,52.9",
]


def get_cases():
    """(URL, status, the parameter the first error names, or None)."""
    cases = []
    for value in ABSURD_DATES:
        for name in ("start_date", "end_date"):
            cases.append((f"/requests.{{fmt}}?{name}={value}", 400, name))
            cases.append((f"/servicerequestupdates.{{fmt}}?{name}={value}", 400, name))
    cases.append(
        (
            "/requests.{fmt}?start_date=2026-02-01T00:00:00Z"
            "&end_date=2026-01-01T00:00:00Z",
            400,
            "end_date",
        )
    )
    for value in TOO_BIG + NOT_IDS:
        cases.append((f"/requests.{{fmt}}?service_request_id={value}", 400, None))
        cases.append((f"/requests/{value}.{{fmt}}", 404, None))
        cases.append((f"/requests.{{fmt}}?page={value}", 400, "page"))
        cases.append((f"/servicerequestupdates.{{fmt}}?page_size={value}", 400, None))
    cases.append(
        (f"/requests.{{fmt}}?service_request_id=1,{DB_INT_MAX + 1}", 400, None)
    )
    codes = ",".join(f"s{n}" for n in range(1001))
    cases.append((f"/requests.{{fmt}}?service_code={codes}", 400, "service_code"))
    for value in ABSURD_BBOXES:
        cases.append((f"/requests.{{fmt}}?bbox={value}", 400, "bbox"))
    cases += [
        ("/requests.{fmt}?status=%00", 400, "status"),
        ("/requests.{fmt}?jurisdiction_id=elsewhere", 404, None),
        ("/services/%00.{fmt}", 400, None),
        ("/services/" + "é" * 300 + ".{fmt}", 404, None),
        ("/tokens/" + "x" * 5000 + ".{fmt}", 404, None),
        ("/nowhere.{fmt}", 404, None),
        ("/requests/1/more.{fmt}", 404, None),
    ]
    return cases


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("url", "status", "parameter"), get_cases())
def test_absurd_gets_are_spec_errors(shared, fmt, url, status, parameter):
    response = shared.client.get(BASE + url.format(fmt=fmt))
    assert response.status_code == status, response.data[:300]
    errors = spec_errors(response, fmt)
    if parameter:
        assert errors[0]["description"].startswith(parameter + ":"), errors


def test_issue_17_date_is_refused_with_its_range(shared):
    response = shared.client.get(
        BASE + "/requests.json?start_date=9999-12-31T23:59:59Z"
    )
    assert response.get_json() == [
        {
            "code": 400,
            "description": "start_date: Give an ISO 8601 datetime from the year 1900 "
            "to 9998, e.g. 2026-05-01T00:00:00Z.",
        }
    ]


def test_ids_at_the_limit_are_still_ids(shared):
    """The largest id the database holds is a valid (unknown) id, not a 400."""
    client = shared.client
    assert (
        client.get(BASE + f"/requests.json?service_request_id={DB_INT_MAX}").json == []
    )
    found = client.get(BASE + f"/requests.json?service_request_id={shared.report_id}")
    assert [r["service_request_id"] for r in found.json] == [str(shared.report_id)]
    assert client.get(BASE + f"/requests/{DB_INT_MAX}.json").status_code == 404


def post_cases():
    """(fields changed from a valid post, status, the parameter named first)."""
    cases = []
    for value in [*NOT_FINITE, "1e308", "95", "-90.0001", "181", "north", "0x10"]:
        cases.append(({"lat": value}, 400, "lat/long"))
        cases.append(({"long": value}, 400, "lat/long"))
    cases.append(({"lat": "40.4", "long": "-3.7"}, 400, "lat/long"))  # Madrid
    for value in TOO_BIG + NOT_IDS:
        # Without lat/long the place is the landmark address_id names: none here.
        cases.append(
            ({"lat": None, "long": None, "address_id": value}, 400, "lat/long")
        )
    for value in [*NOT_FINITE, "9" * 400]:  # 400 digits: past the largest float
        cases.append(({"attribute[COUNT]": value}, 400, "attribute[COUNT]"))
    cases += [
        ({"service_code": "light\x00"}, 400, "service_code"),
        ({"description": "x" * 4001}, 400, "description"),
        ({"api_key": "x" * 5000}, 403, None),
        ({"jurisdiction_id": "\x00"}, 400, "jurisdiction_id"),
    ]
    return cases


def valid_post(shared, **changes) -> dict:
    fields = {
        "api_key": shared.api_key,
        "service_code": "streetlight",
        "lat": "52.84",
        "long": "-7.40",
        "attribute[POLE]": "L-17",
        **changes,
    }
    return {k: v for k, v in fields.items() if v is not None}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("changes", "status", "parameter"), post_cases())
def test_absurd_posts_are_spec_errors_and_change_nothing(
    shared, fmt, changes, status, parameter
):
    before = shared.counts()
    response = shared.client.post(
        BASE + f"/requests.{fmt}", data=valid_post(shared, **changes)
    )
    assert response.status_code == status, response.data[:300]
    errors = spec_errors(response, fmt)
    if parameter:
        assert errors[0]["description"].startswith(parameter + ":"), errors
    assert shared.counts() == before


def test_address_id_of_a_landmark_places_the_request(shared):
    fields = valid_post(shared, lat=None, long=None, address_id=shared.landmark_id)
    response = shared.client.post(BASE + "/requests.json", data=fields)
    assert response.status_code == 200, response.data


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("method", "path", "status", "allow"),
    [
        ("POST", "/services.{fmt}", 405, "GET"),
        ("PUT", "/requests.{fmt}", 405, "GET, POST"),
        ("DELETE", "/requests/1.{fmt}", 405, "GET"),
        ("PATCH", "/tokens/x.{fmt}", 405, "GET"),
        ("TRACE", "/discovery.{fmt}", 405, "GET"),  # a method no route takes
        ("PROPFIND", "/requests.{fmt}", 405, "GET, POST"),
        ("TRACE", "/nowhere.{fmt}", 404, None),
        ("POST", "/nowhere.{fmt}", 404, None),  # no CSRF token, and none needed
        ("DELETE", "/", 404, None),
    ],
)
def test_methods_and_addresses(shared, fmt, method, path, status, allow):
    response = shared.client.open(BASE + path.format(fmt=fmt), method=method)
    assert response.status_code == status
    # Where the URL names no format, XML: the one GeoReport v2 makes mandatory.
    spec_errors(response, fmt if "{fmt}" in path else "xml")
    if allow:
        assert response.headers["Allow"] == allow


def test_wrong_method_says_which_to_use(shared):
    response = shared.client.put(BASE + "/requests.json")
    assert response.get_json() == [
        {"code": 405, "description": "Use GET or POST for this resource."}
    ]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", "json"),
        ("application/json", b""),  # the parameters in the query string
        ("text/plain", "form"),
        ("application/xml", b"<service_request/>"),
        (None, "form"),  # a body without a type
    ],
)
def test_bodies_not_form_encoded_are_refused(shared, fmt, content_type, body):
    fields = valid_post(shared)
    if body == "json":
        body = json.dumps(fields)
    elif body == "form":
        body = "&".join(f"{k}={v}" for k, v in fields.items())
    before = shared.counts()
    response = shared.client.post(
        BASE + f"/requests.{fmt}",
        query_string={"api_key": shared.api_key},
        data=body,
        headers={"Content-Type": content_type} if content_type else {},
    )
    assert response.status_code == 400, response.data
    (error,) = spec_errors(response, fmt)
    assert error["description"].startswith(
        f"Content-Type: POST requests.{fmt} expects application/x-www-form-urlencoded"
        " (or multipart/form-data) as GeoReport v2 specifies, not "
    )
    assert shared.counts() == before


def test_multipart_is_accepted(shared):
    response = shared.client.post(
        BASE + "/requests.json",
        data=valid_post(shared, lat="52.845"),
        content_type="multipart/form-data",
    )
    assert response.status_code == 200, response.data


@pytest.mark.parametrize("fmt", FORMATS)
def test_too_large_a_body_is_413(shared, fmt):
    fields = valid_post(shared, description="x" * 70_000)  # the cap is 64 KiB
    before = shared.counts()
    response = shared.client.post(BASE + f"/requests.{fmt}", data=fields)
    assert response.status_code == 413
    spec_errors(response, fmt)
    assert shared.counts() == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_bug_is_still_answered_in_the_format(migrated, tmp_path, caplog, fmt):
    """A failure no input should cause (here a view that raises) is a 500 error list,
    logged, not the site's HTML page."""
    app = make_app(migrated, tmp_path / "instance")

    def broken(fmt):
        raise RuntimeError("a bug")

    app.add_url_rule(f"{BASE}/broken.<fmt>", "open311.broken", broken)
    response = app.test_client().get(f"{BASE}/broken.{fmt}")
    assert response.status_code == 500
    spec_errors(response, fmt)
    (logged,) = [
        r for r in caplog.records if getattr(r, "event", "") == "unhandled_error"
    ]
    assert logged.fields["path"] == f"{BASE}/broken.{fmt}"
    assert "RuntimeError: a bug" in caplog.text  # with its traceback
    with app.app_context():
        from participation.extensions import db

        db.engine.dispose()
