"""Where a point lies: inside the city's bounds (location_error), and in which
district (district_at, from the process's copy of the district boundaries)."""

from flask_babel import gettext as _
from sqlalchemy import select

from participation.core import geo, reference
from participation.core.models import District
from participation.core.services import get_city
from participation.extensions import db


def location_error(lat: float | None, lon: float | None) -> str | None:
    """What is wrong with a point residents gave (None: a valid place in the city)."""
    if lat is None or lon is None:
        return _(
            "Choose the place on the map, enter its coordinates or pick it from the list."
        )
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return _("These are not valid coordinates.")
    city = get_city()
    if not geo.in_bounds(lat, lon, city.south, city.west, city.north, city.east):
        return _("This place is outside %(city)s.", city=city.name)
    return None


def district_shapes() -> list[tuple[int, dict]]:
    """(id, boundary) of every district, from the process's copy."""
    return reference.remember(
        "districts",
        lambda: [
            tuple(row)
            for row in db.session.execute(select(District.id, District.boundary))
        ],
    )


def district_at(lat: float, lon: float) -> int | None:
    """The id of the district whose boundary contains the point, if any."""
    for district_id, boundary in district_shapes():
        if geo.point_in_polygon(lon, lat, boundary):
            return district_id
    return None
