"""Pre-counted map clusters stay equal to a recount as reports change."""

import pytest
from sqlalchemy import select

from participation.issues import cells, services, triage
from participation.issues.cells import ReportCell


def snapshot(db):
    return sorted(
        (
            c.level,
            c.x,
            c.y,
            c.category_id,
            c.is_open,
            c.district_id,
            c.count,
            round(c.sum_lat, 6),
            round(c.sum_lon, 6),
        )
        for c in db.session.scalars(select(ReportCell))
        if c.count
    )


def test_cells_follow_every_change_and_match_a_recount(
    db, square_city, make_report, make_category, make_user
):
    planner = make_user("planner")
    roads = make_category(code="pothole", name="Pothole", department="Roads")
    a = make_report(lat=52.84, lon=-7.40)
    b = make_report(lat=52.85, lon=-7.36)
    c = make_report(lat=52.86, lon=-7.35, reporter=make_user())
    services.change_status(planner, a.id, "fixed", "Fixed.", "en")
    triage.recategorise(planner, b.id, roads.id)
    triage.hide_report(planner, c.id, "Abuse")
    triage.mark_duplicate(planner, b.id, a.id, "")
    maintained = snapshot(db)
    cells.rebuild()
    assert snapshot(db) == maintained
    triage.unhide_report(planner, c.id)
    maintained = snapshot(db)
    cells.rebuild()
    assert snapshot(db) == maintained


def test_clusters_count_and_filter(
    db, square_city, make_report, make_category, make_user
):
    roads = make_category(code="pothole", name="Pothole", department="Roads")
    for i in range(3):
        make_report(lat=52.84 + i * 0.001, lon=-7.40)
    make_report(category=roads, lat=52.85, lon=-7.35)
    box = (-7.45, 52.80, -7.33, 52.88)
    (whole,) = cells.clusters(3, box)  # far out: one cluster for the city
    assert whole.count == 4
    assert whole.lat == pytest.approx((52.84 + 52.841 + 52.842 + 52.85) / 4)
    assert sum(c.count for c in cells.clusters(12, box)) == 4
    assert sum(c.count for c in cells.clusters(12, box, category=roads.id)) == 1
    assert sum(c.count for c in cells.clusters(12, box, status="closed")) == 0


def test_geojson_serves_clusters_far_out_and_points_close_up(
    client, db, square_city, make_report, monkeypatch
):
    from participation.api import views

    for i in range(5):
        make_report(lat=52.84 + i * 0.0001, lon=-7.40)
    bbox = "-7.45,52.80,-7.33,52.88"
    far_url = f"/api/v1/issues.geojson?bbox={bbox}&zoom=10"
    # Fewer reports than a page of points: pins, whatever the zoom.
    few = client.get(far_url).get_json()
    assert len(few["features"]) == 5 and "title" in few["features"][0]["properties"]
    monkeypatch.setattr(views, "MAX_POINTS", 3)
    far = client.get(far_url).get_json()
    assert [f["properties"] for f in far["features"]] == [{"cluster": True, "count": 5}]
    close = client.get(f"/api/v1/issues.geojson?bbox={bbox}&zoom=17").get_json()
    assert len(close["features"]) == 3 and close["total"] == 5
    assert "title" in close["features"][0]["properties"]
    dated = client.get(f"/api/v1/issues.geojson?bbox={bbox}&zoom=10&from=2020-01-01")
    assert len(dated.get_json()["features"]) == 3  # date filters read the points
