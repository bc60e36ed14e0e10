"""Box searches read the map index by latitude band and find exactly the reports inside."""

import random

import pytest
from sqlalchemy import select, text

from participation.core.geo import BANDS_PER_DEGREE, latitude_band
from participation.issues import search, triage
from participation.issues.models import MAX_BAND_RUNS, Report


@pytest.fixture
def scattered(db, square_city, make_report, make_category, make_user):
    """Reports on and around band edges, plus a hidden one."""
    rng = random.Random(7)
    category = make_category()
    reporter = make_user()
    edge = (latitude_band(52.84) + 1) / BANDS_PER_DEGREE - 90.0  # a band's lower edge
    points = [(edge, -7.40), (edge - 1e-9, -7.40), (edge + 1e-9, -7.3999)]
    points += [
        (rng.uniform(52.835, 52.845), rng.uniform(-7.41, -7.39)) for _ in range(40)
    ]
    reports = [
        make_report(reporter=reporter, category=category, lat=lat, lon=lon)
        for lat, lon in points
    ]
    triage.hide_report(make_user("planner"), reports[5].id, "Abuse")
    return reports


def inside(bbox):
    west, south, east, north = bbox
    return {
        r.id
        for r in search.db.session.scalars(select(Report))
        if r.hidden_reason is None and south <= r.lat <= north and west <= r.lon <= east
    }


def test_the_band_is_derived_from_the_latitude(scattered):
    for report in scattered:
        assert report.map_band == latitude_band(report.lat)


@pytest.mark.parametrize("seed", range(12))
def test_a_box_finds_exactly_the_visible_reports_inside(scattered, seed):
    rng = random.Random(seed)
    south = rng.uniform(52.834, 52.844)
    west = rng.uniform(-7.412, -7.396)
    bbox = (
        west,
        south,
        west + rng.uniform(0.0005, 0.02),
        south + rng.uniform(0.0, 0.01),
    )
    expected = inside(bbox)
    found = search.search_reports(bbox=bbox, limit=1000)
    assert {r.id for r in found} == expected
    assert search.search_map_points(bbox=bbox)[1] == len(expected)
    assert [r.created_at for r in found] == sorted(
        (r.created_at for r in found), reverse=True
    )


def test_a_box_edge_on_a_band_edge_keeps_the_points_on_it(scattered):
    edge_point = scattered[0]
    bbox = (-7.401, edge_point.lat, -7.399, edge_point.lat + 0.001)
    assert edge_point.id in {r.id for r in search.search_reports(bbox=bbox)}
    bbox = (-7.401, edge_point.lat - 0.001, -7.399, edge_point.lat)
    assert edge_point.id in {r.id for r in search.search_reports(bbox=bbox)}


def test_a_wide_box_reads_one_range_of_bands(scattered):
    tall = (MAX_BAND_RUNS + 5) / BANDS_PER_DEGREE
    bbox = (-7.45, 52.80, -7.33, 52.80 + tall)
    assert {r.id for r in search.search_reports(bbox=bbox, limit=1000)} == inside(bbox)


def test_pages_of_a_box_cover_it_once_newest_first(scattered):
    bbox = (-7.45, 52.80, -7.33, 52.88)
    pages = [
        search.search_reports(bbox=bbox, offset=offset, limit=10)
        for offset in range(0, 50, 10)
    ]
    ids = [r.id for page in pages for r in page]
    assert len(ids) == len(set(ids)) == len(inside(bbox))
    points, total = search.search_map_points(bbox=bbox, limit=10)
    assert [row[0] for row in points] == [r.id for r in pages[0]]
    assert total == len(ids)
    assert search.search_map_points(bbox=(-7.0, 52.0, -6.9, 52.1)) == ([], 0)


def test_box_queries_read_the_map_index(db, scattered):
    """SQLite, without statistics, would rather read every report of a category."""
    from participation.extensions import db as _db

    bbox = (-7.401, 52.839, -7.399, 52.841)
    statements = [
        search._search(select(Report.id), bbox=bbox, category=1, limit=None),
        search._search(select(Report.id), bbox=bbox, status="open", district=1),
    ]
    if _db.engine.dialect.name != "sqlite":
        # PostgreSQL plans from its statistics; the hint is SQLite's alone.
        for statement in statements:
            assert "INDEXED BY" not in str(statement.compile(_db.engine))
        return
    for statement in statements:
        compiled = statement.compile(_db.engine, compile_kwargs={"literal_binds": True})
        assert "FROM report INDEXED BY ix_report_map" in str(compiled)
        plan = _db.session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")).all()
        assert any("ix_report_map" in row[-1] for row in plan), plan
    assert search.nearby_open_reports(scattered[0].category_id, 52.84, -7.40)
