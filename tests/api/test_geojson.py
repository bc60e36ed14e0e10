"""The GeoJSON behind the map."""

import pytest


def test_issues_geojson_filters_by_bbox_status_and_category(
    client, db, square_city, make_report, make_category, make_user
):
    lights = make_category()
    potholes = make_category(code="pothole", name="Pothole", department="Roads")
    west = make_report(category=lights, title="West light", lat=52.84, lon=-7.42)
    east = make_report(category=potholes, title="East hole", lat=52.84, lon=-7.35)
    from participation.issues.services import change_status

    change_status(make_user("planner"), east.id, "fixed", "Filled.", "en")

    data = client.get("/api/v1/issues.geojson").get_json()
    assert data["type"] == "FeatureCollection"
    by_id = {f["id"]: f for f in data["features"]}
    assert by_id[west.id]["geometry"] == {
        "type": "Point",
        "coordinates": [-7.42, 52.84],
    }
    assert by_id[west.id]["properties"]["open"] is True
    assert by_id[east.id]["properties"]["status"] == "fixed"
    assert "reporter" not in str(data) and "@" not in str(data)

    def ids(query):
        return {
            f["id"]
            for f in client.get(f"/api/v1/issues.geojson?{query}").get_json()[
                "features"
            ]
        }

    assert ids("bbox=-7.45,52.80,-7.39,52.88") == {west.id}
    assert ids("status=open") == {west.id}
    assert ids("status=closed") == {east.id}
    assert ids(f"category={potholes.id}") == {east.id}


@pytest.mark.parametrize(
    "query", ["bbox=1,2,3", "bbox=a,b,c,d", "bbox=10,50,5,60", "status=teleported"]
)
def test_bad_parameters_get_field_errors(client, query):
    response = client.get(f"/api/v1/issues.geojson?{query}")
    assert response.status_code == 400
    errors = response.get_json()["errors"]
    assert errors and {"field", "message"} <= set(errors[0])


def test_hidden_reports_are_not_on_the_map(client, db, square_city, make_report):
    report = make_report()
    report.hidden_reason = "Abusive language"
    db.session.commit()
    assert client.get("/api/v1/issues.geojson").get_json()["features"] == []


def test_districts_geojson(client, square_city):
    data = client.get("/api/v1/districts.geojson").get_json()
    assert sorted(f["properties"]["name"] for f in data["features"]) == [
        "East Bank",
        "West Bank",
    ]


def test_api_errors_are_json(client):
    response = client.get("/api/v1/nowhere")
    assert response.status_code == 404
    assert response.get_json()["errors"][0]["message"]


def test_json_list_and_detail_without_identities(
    client, db, square_city, make_report, make_user
):
    shy = make_user(display_name="Shy Person")
    report = make_report(reporter=shy, description="Dark since Monday.")
    listing = client.get("/api/v1/issues").get_json()
    assert [item["id"] for item in listing["items"]] == [report.id]
    assert listing["items"][0]["reported_by"] is None
    detail = client.get(f"/api/v1/issues/{report.id}").get_json()
    assert detail["description"] == "Dark since Monday."
    assert [h["status"] for h in detail["history"]] == ["new"]
    assert "Shy Person" not in str(detail) and shy.email not in str(detail)
    assert client.get("/api/v1/issues/999").status_code == 404


def test_date_filters_use_whole_days_in_city_time(client, db, square_city, make_report):
    from datetime import UTC, datetime

    report = make_report()
    report.created_at = datetime(2026, 3, 10, 23, 30, tzinfo=UTC)  # 11 March in Madrid
    db.session.commit()

    def ids(query):
        return [
            i["id"] for i in client.get(f"/api/v1/issues?{query}").get_json()["items"]
        ]

    assert ids("from=2026-03-11&to=2026-03-11") == [report.id]
    assert ids("to=2026-03-10") == []
    assert client.get("/api/v1/issues?from=yesterday").status_code == 400


def test_openapi_document_covers_every_api_route(client, server):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    documented = set(doc["paths"])
    for rule in server.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/"):
            path = rule.rule.removeprefix("/api/v1").replace("<int:report_id>", "{id}")
            assert path in documented, f"{rule.rule} is not in the OpenAPI document"


def test_close_up_views_send_the_newest_points_and_say_how_many_there_are(
    client, db, square_city, make_report, monkeypatch
):
    from participation.api import views

    monkeypatch.setattr(views, "MAX_POINTS", 3)
    made = [make_report(title=f"R{i}", lat=52.84 + i * 0.0001) for i in range(5)]
    data = client.get(
        "/api/v1/issues.geojson?bbox=-7.45,52.80,-7.33,52.88&zoom=18"
    ).get_json()
    assert data["total"] == 5
    assert [f["id"] for f in data["features"]] == [r.id for r in made[::-1][:3]]
