"""Finding reports: the public list, the map's points and counts.

The list page, the JSON API, the map and Open311 all search through here.
"""

from datetime import datetime

from sqlalchemy import func, select

from participation.extensions import db
from participation.issues.models import Category, Report, read_map_index, within
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
    Category.name,
    Report.support_count,
    Report.created_at,
)


def search_map_points(**filters) -> tuple[list, int]:
    """A page of the same search as light rows of MAP_COLUMNS, and the total found.

    One statement: the total is a subquery counted from the map index.
    """
    filters.pop("offset", None)
    limit = filters.pop("limit", 50)
    count = select(func.count()).select_from(Report)
    total = _search(count, **filters, limit=None).scalar_subquery()
    columns = select(*MAP_COLUMNS, total).join(
        Category, Report.category_id == Category.id
    )
    rows = list(db.session.execute(_search(columns, **filters, limit=limit)))
    return [row[:-1] for row in rows], rows[0][-1] if rows else 0


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
    conditions = [Report.hidden_reason.is_(None)]
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
