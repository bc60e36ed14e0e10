"""Where a report goes: its district, the issue channel open there, named places.

Reads the process's copy of the reference data (core/reference.py) where it can.
"""

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from participation.core import reference
from participation.core.models import IssueChannel, is_open_between
from participation.extensions import db
from participation.issues.models import Landmark
from participation.types import utcnow


def list_landmarks() -> list[Landmark]:
    """Named streets and places, by district then name."""
    query = select(Landmark).options(selectinload(Landmark.district))
    return list(db.session.scalars(query.order_by(Landmark.district_id, Landmark.name)))


def channel_for(district_id: int | None) -> int | None:
    """The issue channel open now for a place: the district's own, else the city's."""
    now = utcnow()
    open_now = [
        (channel_district, channel_id)
        for channel_id, channel_district, opens_at, closes_at in _channel_dates()
        if is_open_between(opens_at, closes_at, now)
        and channel_district in (None, district_id)
    ]
    open_now.sort(key=lambda pair: pair[0] is None)  # the district's own first
    return open_now[0][1] if open_now else None


def _channel_dates() -> list[tuple]:
    """(id, district id, opens, closes) of every issue channel, earliest first."""
    columns = (
        IssueChannel.id,
        IssueChannel.district_id,
        IssueChannel.opens_at,
        IssueChannel.closes_at,
    )
    return reference.remember(
        "issue_channels",
        lambda: [
            tuple(row)
            for row in db.session.execute(
                select(*columns).order_by(IssueChannel.opens_at)
            )
        ],
    )


def place_at_landmark(data, errors: dict[str, str]) -> None:
    """Coordinates from the chosen landmark when none were given."""
    if data.landmark_id is None or (data.lat is not None and data.lon is not None):
        return
    landmark = db.session.get(Landmark, data.landmark_id)
    if landmark is None:
        errors["landmark_id"] = _("Choose a place from the list.")
        return
    data.lat, data.lon = landmark.lat, landmark.lon
    data.location_text = data.location_text or landmark.name
