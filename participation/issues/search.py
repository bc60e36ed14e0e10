"""Finding reports: the public list, the map's points and counts, the nearby ones.

The list page, the JSON API, the map and Open311 all search through here.
"""

from datetime import datetime

from flask import current_app
from sqlalchemy import bindparam, func, select

from participation.core import geo
from participation.extensions import db
from participation.issues.city_workflow import workflow
from participation.issues.models import (
    PUBLIC,
    WITHIN_SMALL_BOX,
    Category,
    Report,
    box_parameters,
    read_map_index,
    within,
)


def search_reports(*args, **kwargs) -> list[Report]:
    """Visible reports, newest first, filtered; bbox is (west, south, east, north)."""
    return list(db.session.scalars(_search(select(Report), *args, **kwargs)))


MAP_COLUMNS = (
    Report.id,
    Report.title,
    Report.language,
    Report.status,
    Report.lat,
    Report.lon,
    Category.name,
    Report.support_count,
    Report.created_at,
)


def search_map_points(limit: int = 50, **filters) -> tuple[list, int]:
    """The newest `limit` of the same search as light rows of MAP_COLUMNS, and the
    total found. One statement: the total is a subquery counted from the map index.
    """
    count = select(func.count()).select_from(Report)
    total = _search(count, **filters, limit=None).scalar_subquery()
    columns = select(*MAP_COLUMNS, total).join(
        Category, Report.category_id == Category.id
    )
    rows = list(db.session.execute(_search(columns, **filters, limit=limit)))
    return [row[:-1] for row in rows], rows[0][-1] if rows else 0


# Every submission asks it: built once (building a query costs more than running it).
_NEARBY_POINTS = read_map_index(select(Report.id, Report.lat, Report.lon)).where(
    Report.category_id == bindparam("category"),
    Report.status.in_(bindparam("statuses", expanding=True)),
    *PUBLIC,
    *WITHIN_SMALL_BOX,
)


def nearby_open_reports(
    category_id: int, lat: float, lon: float, metres: float | None = None
) -> list[Report]:
    """Open, visible reports of the category within `metres` (default: configured)."""
    metres = metres or current_app.config["ISSUE_NEARBY_METRES"]
    south, west, north, east = geo.box_around(lat, lon, metres)
    # Points first, from the map index alone; whole reports only for those near enough
    # (most new reports have none).
    candidates = db.session.execute(
        _NEARBY_POINTS,
        {
            "category": category_id,
            "statuses": workflow().open_keys(),
            **box_parameters((west, south, east, north)),
        },
    )
    distances = {
        report_id: distance
        for report_id, r_lat, r_lon in candidates
        if (distance := geo.distance_m(lat, lon, r_lat, r_lon)) <= metres
    }
    if not distances:
        return []
    reports = db.session.scalars(select(Report).where(Report.id.in_(distances)))
    return sorted(reports, key=lambda report: distances[report.id])


def _search(
    query,
    category: int | None = None,
    status: str | None = None,
    district: int | None = None,
    offset: int = 0,
    limit: int | None = 50,
    bbox: tuple[float, float, float, float] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
):
    """Add the filters, order and page to a SELECT over reports."""
    conditions = [*PUBLIC]
    if since:
        conditions.append(Report.created_at >= since)
    if until:
        conditions.append(Report.created_at < until)
    if bbox:
        conditions.extend(within(bbox))
    if category:
        conditions.append(Report.category_id == category)
    if status == "open":
        conditions.append(Report.status.in_(workflow().open_keys()))
    elif status == "closed":
        conditions.append(Report.status.not_in(workflow().open_keys()))
    elif status:
        conditions.append(Report.status == status)
    if district:
        conditions.append(Report.district_id == district)

    def indexed(statement):
        return read_map_index(statement) if bbox else statement

    if limit is None:
        return indexed(query.where(*conditions))
    newest_first = (Report.created_at.desc(), Report.id.desc())
    # The page is chosen on ids alone (from the index), then only its rows are read.
    page = indexed(select(Report.id).where(*conditions)).order_by(*newest_first)
    page = page.offset(offset).limit(limit)
    return query.where(Report.id.in_(page)).order_by(*newest_first)


def reports_by(user) -> list[Report]:
    """Everything a person reported, hidden ones included, newest first."""
    query = select(Report).where(Report.reporter_id == user.id)
    return list(db.session.scalars(query.order_by(Report.created_at.desc())))
