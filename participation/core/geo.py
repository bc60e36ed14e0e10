"""Plain geometry on WGS84 coordinates: GeoJSON polygons, containment and bounds.

Pure: no Flask, no database. Positions are GeoJSON [longitude, latitude] pairs.
"""

import math
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

POLYGON_TYPES = ("Polygon", "MultiPolygon")


def _polygons(geometry: dict[str, Any]) -> list[Sequence[Sequence[Sequence[float]]]]:
    """The polygons (lists of rings) of a Polygon or MultiPolygon geometry."""
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind == "Polygon":
        return [geometry["coordinates"]]
    if kind == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError(f"Expected a GeoJSON Polygon or MultiPolygon, not {kind!r}.")


def _ring_contains(lon: float, lat: float, ring: Sequence[Sequence[float]]) -> bool:
    """Whether the point is inside the ring, by even-odd ray casting towards +lon."""
    inside = False
    previous = ring[-1]
    for position in ring:
        x1, y1 = previous[0], previous[1]
        x2, y2 = position[0], position[1]
        # Half-open test on latitude, so a ray through a vertex is counted once.
        if (y1 > lat) != (y2 > lat):
            crossing = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lon < crossing:
                inside = not inside
        previous = position
    return inside


def point_in_polygon(lon: float, lat: float, geometry: dict[str, Any]) -> bool:
    """Whether (lon, lat) is inside a GeoJSON Polygon or MultiPolygon, not in a hole."""
    for rings in _polygons(geometry):
        if not rings or not _ring_contains(lon, lat, rings[0]):
            continue
        if not any(_ring_contains(lon, lat, hole) for hole in rings[1:]):
            return True
    return False


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


def _validate_position(position: Any, where: str) -> None:
    if not isinstance(position, list | tuple) or len(position) not in (2, 3):
        raise ValueError(
            f"{where}: a position is [longitude, latitude], got {position!r}."
        )
    if not all(_is_number(value) for value in position):
        raise ValueError(
            f"{where}: coordinates must be finite numbers, got {position!r}."
        )
    lon, lat = position[0], position[1]
    if not -180 <= lon <= 180:
        raise ValueError(f"{where}: longitude {lon} is outside -180..180.")
    if not -90 <= lat <= 90:
        raise ValueError(f"{where}: latitude {lat} is outside -90..90.")


def _validate_ring(ring: Any, where: str) -> None:
    if not isinstance(ring, list | tuple):
        raise ValueError(f"{where}: a ring is a list of positions.")
    if len(ring) < 4:
        raise ValueError(
            f"{where}: a ring needs at least 4 positions, has {len(ring)}."
        )
    for index, position in enumerate(ring):
        _validate_position(position, f"{where}, position {index}")
    if list(ring[0]) != list(ring[-1]):
        raise ValueError(
            f"{where}: the ring is not closed (first and last positions differ)."
        )


def _validate_rings(rings: Any, where: str) -> None:
    if not isinstance(rings, list | tuple) or not rings:
        raise ValueError(f"{where}: a polygon is a non-empty list of rings.")
    for index, ring in enumerate(rings):
        _validate_ring(ring, f"{where}, ring {index}")


def validate_geometry(geometry: Any) -> None:
    """Raise ValueError saying what is wrong unless this is a valid GeoJSON polygon."""
    if not isinstance(geometry, dict):
        raise ValueError(
            "A geometry is a GeoJSON object with 'type' and 'coordinates'."
        )
    kind = geometry.get("type")
    if kind not in POLYGON_TYPES:
        raise ValueError(f"Expected a GeoJSON Polygon or MultiPolygon, not {kind!r}.")
    coordinates = geometry.get("coordinates")
    if kind == "Polygon":
        _validate_rings(coordinates, "Polygon")
        return
    if not isinstance(coordinates, list | tuple) or not coordinates:
        raise ValueError(
            "MultiPolygon: coordinates must be a non-empty list of polygons."
        )
    for index, rings in enumerate(coordinates):
        _validate_rings(rings, f"MultiPolygon, polygon {index}")


def _positions(geometry: dict[str, Any]) -> Iterator[Sequence[float]]:
    for rings in _polygons(geometry):
        for ring in rings:
            yield from ring


def bounds_of(
    geometries: Iterable[dict[str, Any]],
) -> tuple[float, float, float, float]:
    """The (south, west, north, east) box around every position of the geometries."""
    positions = [p for geometry in geometries for p in _positions(geometry)]
    if not positions:
        raise ValueError("Cannot take the bounds of no positions.")
    lons = [p[0] for p in positions]
    lats = [p[1] for p in positions]
    return min(lats), min(lons), max(lats), max(lons)


def in_bounds(
    lat: float, lon: float, south: float, west: float, north: float, east: float
) -> bool:
    """Whether (lat, lon) is in the box, edges included; west > east wraps at 180°."""
    if not south <= lat <= north:
        return False
    if west <= east:
        return west <= lon <= east
    return lon >= west or lon <= east


EARTH_RADIUS_M = 6_371_008.8


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two WGS84 points (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    h = (
        math.sin(dphi / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def box_around(
    lat: float, lon: float, metres: float
) -> tuple[float, float, float, float]:
    """(south, west, north, east) of a box that contains the circle of `metres`."""
    dlat = math.degrees(metres / EARTH_RADIUS_M)
    dlon = dlat / max(math.cos(math.radians(lat)), 1e-6)
    return lat - dlat, lon - dlon, lat + dlat, lon + dlon


# Bands of latitude 1/2048 degree tall (about 54 m): an index on (band, lon) reads a
# box as a few short runs of longitudes instead of a whole slab of latitudes.
BANDS_PER_DEGREE = 2048


def latitude_band(lat: float) -> int:
    """The band of latitude a point falls in (see BANDS_PER_DEGREE)."""
    return math.floor((lat + 90.0) * BANDS_PER_DEGREE)


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """(west, south, east, north) from "w,s,e,n" in degrees; ValueError if malformed."""
    west, south, east, north = (float(part) for part in text.split(","))
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise ValueError(text)
    return west, south, east, north
