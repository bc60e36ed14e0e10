"""Point-in-polygon, GeoJSON validation and bounds, with plain values."""

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from participation.core.geo import (
    bounds_of,
    in_bounds,
    point_in_polygon,
    validate_geometry,
)


def rectangle(west, south, east, north):
    """A closed counter-clockwise ring around the box."""
    return [[west, south], [east, south], [east, north], [west, north], [west, south]]


def polygon(*rings):
    return {"type": "Polygon", "coordinates": [list(ring) for ring in rings]}


SQUARE = polygon(rectangle(0, 0, 10, 10))
# A 10 x 10 square with a 4 x 4 hole in the middle.
FRAME = polygon(rectangle(0, 0, 10, 10), rectangle(3, 3, 7, 7)[::-1])
# An L shape: the square minus its top-right quarter.
L_SHAPE = polygon([[0, 0], [10, 0], [10, 5], [5, 5], [5, 10], [0, 10], [0, 0]])
TWO_ISLANDS = {
    "type": "MultiPolygon",
    "coordinates": [
        [rectangle(0, 0, 1, 1)],
        [rectangle(5, 5, 8, 8), rectangle(6, 6, 7, 7)],
    ],
}


# Example-based ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lon", "lat", "inside"),
    [
        (5, 5, True),
        (0.001, 9.999, True),
        (-1, 5, False),
        (11, 5, False),
        (5, -0.1, False),
        (5, 10.1, False),
    ],
)
def test_square(lon, lat, inside):
    assert point_in_polygon(lon, lat, SQUARE) is inside


@pytest.mark.parametrize(
    ("lon", "lat", "inside"),
    [(1, 1, True), (5, 5, False), (6.9, 3.1, False), (8, 5, True), (5, 2, True)],
)
def test_hole_is_excluded(lon, lat, inside):
    assert point_in_polygon(lon, lat, FRAME) is inside


@pytest.mark.parametrize(
    ("lon", "lat", "inside"),
    [(2, 2, True), (8, 2, True), (2, 8, True), (8, 8, False), (5.5, 5.5, False)],
)
def test_concave_polygon(lon, lat, inside):
    assert point_in_polygon(lon, lat, L_SHAPE) is inside


def test_ray_through_a_vertex_counts_once():
    diamond = polygon([[0, -1], [1, 0], [0, 1], [-1, 0], [0, -1]])
    assert point_in_polygon(0, 0, diamond)
    assert not point_in_polygon(-2, 0, diamond)
    assert not point_in_polygon(2, 0, diamond)


@pytest.mark.parametrize(
    ("lon", "lat", "inside"),
    [(0.5, 0.5, True), (5.5, 5.5, True), (6.5, 6.5, False), (3, 3, False)],
)
def test_multipolygon(lon, lat, inside):
    assert point_in_polygon(lon, lat, TWO_ISLANDS) is inside


def test_real_coordinates():
    # Around Dublin's St Stephen's Green.
    green = polygon(rectangle(-6.2621, 53.3368, -6.2560, 53.3398))
    assert point_in_polygon(-6.2591, 53.3382, green)
    assert not point_in_polygon(-6.2603, 53.3441, green)


def test_point_in_polygon_rejects_other_geometries():
    with pytest.raises(ValueError, match="Polygon"):
        point_in_polygon(0, 0, {"type": "Point", "coordinates": [0, 0]})


@pytest.mark.parametrize("geometry", [SQUARE, FRAME, L_SHAPE, TWO_ISLANDS])
def test_valid_geometries_pass(geometry):
    validate_geometry(geometry)


def test_positions_may_carry_an_altitude():
    validate_geometry(polygon([[0, 0, 5], [1, 0, 5], [1, 1, 5], [0, 0, 5]]))


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        ([[0, 0]], "GeoJSON object"),
        ({"type": "Point", "coordinates": [0, 0]}, "Polygon or MultiPolygon"),
        ({"type": "Polygon"}, "non-empty list of rings"),
        ({"type": "Polygon", "coordinates": []}, "non-empty list of rings"),
        (polygon([[0, 0], [1, 0], [1, 1], [0, 1]]), "not closed"),
        (polygon([[0, 0], [1, 1], [0, 0]]), "at least 4 positions"),
        (polygon([[0, 0], [181, 0], [1, 1], [0, 0]]), "longitude 181"),
        (polygon([[0, 0], [1, -91], [1, 1], [0, 0]]), "latitude -91"),
        (polygon([[0, 0], [1, "0"], [1, 1], [0, 0]]), "finite numbers"),
        (polygon([[0, 0], [1, math.nan], [1, 1], [0, 0]]), "finite numbers"),
        (polygon([[0, 0], [True, 0], [1, 1], [0, 0]]), "finite numbers"),
        (polygon([[0, 0], [1], [1, 1], [0, 0]]), "longitude, latitude"),
        ({"type": "MultiPolygon", "coordinates": []}, "non-empty list of polygons"),
        (
            {"type": "MultiPolygon", "coordinates": [[rectangle(0, 0, 1, 1)], [[]]]},
            "polygon 1, ring 0",
        ),
    ],
)
def test_invalid_geometries_say_what_is_wrong(geometry, message):
    with pytest.raises(ValueError, match=message):
        validate_geometry(geometry)


def test_bounds_of_several_geometries():
    assert bounds_of([SQUARE, polygon(rectangle(-3, 2, 4, 12))]) == (0, -3, 12, 10)


def test_bounds_of_nothing_is_an_error():
    with pytest.raises(ValueError):
        bounds_of([])


@pytest.mark.parametrize(
    ("lat", "lon", "inside"),
    [(52.8, -7.4, True), (52.7, -7.4, True), (52.69, -7.4, False), (52.8, -7.2, False)],
)
def test_in_bounds(lat, lon, inside):
    assert in_bounds(lat, lon, 52.7, -7.5, 52.9, -7.3) is inside


def test_in_bounds_across_the_antimeridian():
    assert in_bounds(-17, 179.5, -20, 179, -15, -179)
    assert in_bounds(-17, -179.5, -20, 179, -15, -179)
    assert not in_bounds(-17, 0, -20, 179, -15, -179)


# Property-based ---------------------------------------------------------------------

longitudes = st.floats(-179, 179, allow_nan=False)
latitudes = st.floats(-89, 89, allow_nan=False)
sizes = st.floats(0.001, 1)
fractions = st.floats(0.01, 0.99)


@st.composite
def boxes(draw):
    """(west, south, east, north) of a non-degenerate box within WGS84."""
    west, south = draw(longitudes), draw(latitudes)
    return west, south, west + draw(sizes), south + draw(sizes)


@st.composite
def star_polygons(draw):
    """A random simple polygon: vertices at increasing angles around a centre."""
    lon, lat = draw(longitudes), draw(latitudes)
    count = draw(st.integers(3, 16))
    radii = draw(st.lists(sizes, min_size=count, max_size=count))
    ring = [
        [
            lon + radius * math.cos(2 * math.pi * index / count),
            lat + radius * math.sin(2 * math.pi * index / count),
        ]
        for index, radius in enumerate(radii)
    ]
    return polygon(ring + [ring[0]])


@given(boxes(), fractions, fractions)
def test_point_inside_a_rectangle_is_inside(box, fx, fy):
    west, south, east, north = box
    lon, lat = west + fx * (east - west), south + fy * (north - south)
    assume(west < lon < east and south < lat < north)
    assert point_in_polygon(lon, lat, polygon(rectangle(*box)))


@given(boxes(), fractions, fractions)
def test_orientation_does_not_matter(box, fx, fy):
    west, south, east, north = box
    lon, lat = west + fx * (east - west), south + fy * (north - south)
    ring = rectangle(*box)
    assert point_in_polygon(lon, lat, polygon(ring)) == point_in_polygon(
        lon, lat, polygon(ring[::-1])
    )


@given(star_polygons(), longitudes, latitudes)
def test_points_outside_the_bbox_are_never_inside(geometry, lon, lat):
    south, west, north, east = bounds_of([geometry])
    assume(not in_bounds(lat, lon, south, west, north, east))
    assert not point_in_polygon(lon, lat, geometry)


@given(star_polygons())
def test_generated_polygons_are_valid_and_hold_their_positions(geometry):
    validate_geometry(geometry)
    south, west, north, east = bounds_of([geometry])
    assert south <= north and west <= east
    for lon, lat in geometry["coordinates"][0]:
        assert in_bounds(lat, lon, south, west, north, east)


@given(boxes(), fractions, fractions, fractions, fractions)
def test_a_hole_excludes_its_points(box, fx1, fx2, fy1, fy2):
    west, south, east, north = box
    width, height = east - west, north - south
    hole_west, hole_east = sorted((west + fx1 * width, west + fx2 * width))
    hole_south, hole_north = sorted((south + fy1 * height, south + fy2 * height))
    assume(hole_west < hole_east and hole_south < hole_north)
    hole = rectangle(hole_west, hole_south, hole_east, hole_north)
    lon, lat = (hole_west + hole_east) / 2, (hole_south + hole_north) / 2
    assume(hole_west < lon < hole_east and hole_south < lat < hole_north)
    outer = rectangle(*box)
    assert point_in_polygon(lon, lat, polygon(outer))
    assert not point_in_polygon(lon, lat, polygon(outer, hole[::-1]))


@given(boxes(), boxes(), longitudes, latitudes)
def test_multipolygon_is_the_union_of_its_parts(box1, box2, lon, lat):
    first, second = polygon(rectangle(*box1)), polygon(rectangle(*box2))
    both = {
        "type": "MultiPolygon",
        "coordinates": [first["coordinates"], second["coordinates"]],
    }
    assert point_in_polygon(lon, lat, both) == (
        point_in_polygon(lon, lat, first) or point_in_polygon(lon, lat, second)
    )


@given(boxes(), st.floats(180.001, 1000) | st.floats(-1000, -180.001))
def test_longitudes_out_of_range_are_rejected(box, lon):
    west, south, east, north = box
    ring = rectangle(west, south, east, north)
    ring[1] = [lon, south]
    with pytest.raises(ValueError, match="longitude"):
        validate_geometry(polygon(ring))
