"""Finding reports: the public list, the map's points and counts.

The list page, the JSON API, the map and Open311 all search through here.
"""

from datetime import datetime

from sqlalchemy import func, select

from participation.extensions import db
from participation.issues.models import Report
from participation.issues.services import workflow


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
    Report.category_id,
    Report.support_count,
    Report.created_at,
)


def search_map_points(*args, **kwargs) -> list:
    """The same search as search_reports, as light rows of MAP_COLUMNS (for the map)."""
    return list(db.session.execute(_search(select(*MAP_COLUMNS), *args, **kwargs)))


def count_reports(*args, **kwargs) -> int:
    """How many visible reports the same search finds (no paging)."""
    kwargs.pop("offset", None)
    kwargs.pop("limit", None)
    query = _search(select(func.count(Report.id)), *args, **kwargs, limit=None)
    return db.session.scalar(query.order_by(None))


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
    query = query.where(Report.hidden_reason.is_(None))
    if since:
        query = query.where(Report.created_at >= since)
    if until:
        query = query.where(Report.created_at < until)
    if bbox:
        west, south, east, north = bbox
        query = query.where(
            Report.lat.between(south, north), Report.lon.between(west, east)
        )
    if category:
        query = query.where(Report.category_id == category)
    if status == "open":
        query = query.where(Report.status.in_(workflow().open_keys()))
    elif status == "closed":
        query = query.where(Report.status.not_in(workflow().open_keys()))
    elif status:
        query = query.where(Report.status == status)
    if district:
        query = query.where(Report.district_id == district)
    if limit is None:
        return query
    query = query.order_by(Report.created_at.desc(), Report.id.desc())
    return query.offset(offset).limit(limit)


def reports_by(user) -> list[Report]:
    """Everything a person reported, hidden ones included, newest first."""
    query = select(Report).where(Report.reporter_id == user.id)
    return list(db.session.scalars(query.order_by(Report.created_at.desc())))
