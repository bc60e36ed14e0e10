"""Map clusters kept up to date as reports change, so a city-wide map of a million
reports costs a few hundred rows instead of a million points.

The map's zoom levels MIN_CLUSTER_ZOOM … MAX_CLUSTER_ZOOM read pre-counted grid cells;
closer zooms read the points themselves, and farther ones the cells of MIN_CLUSTER_ZOOM
(about 10 km across: a city is a handful of them, and nobody needs finer cells when a
whole region fits on the screen). A cell at `level` is 360 / 2**level degrees wide and tall
(about 64 screen pixels at map zoom level - 2), keyed also by category, open/closed and
district so the map's filters work on the aggregates.
"""

import logging
import math
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Index, and_, func, select
from sqlalchemy.orm import Mapped, mapped_column

from participation.events import job_run
from participation.extensions import db, insert_on_conflict
from participation.issues.city_workflow import workflow
from participation.issues.models import PUBLIC, Report

log = logging.getLogger(__name__)

LEVEL_OFFSET = 2  # a cell is a quarter of a 256-pixel tile of the map's zoom level
MIN_CLUSTER_ZOOM, MAX_CLUSTER_ZOOM = 10, 14
LEVELS = tuple(
    range(MIN_CLUSTER_ZOOM + LEVEL_OFFSET, MAX_CLUSTER_ZOOM + LEVEL_OFFSET + 1)
)


class ReportCell(db.Model):
    """How many visible reports of one kind fall in one grid cell, and their centroid."""

    __tablename__ = "report_cell"

    level: Mapped[int] = mapped_column(primary_key=True)
    x: Mapped[int] = mapped_column(primary_key=True)
    y: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(primary_key=True)
    is_open: Mapped[bool] = mapped_column(primary_key=True)
    # 0 for "no district" (a primary key column cannot be NULL).
    district_id: Mapped[int] = mapped_column(primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
    sum_lat: Mapped[float] = mapped_column(default=0.0)
    sum_lon: Mapped[float] = mapped_column(default=0.0)

    __table_args__ = (Index("ix_report_cell_level_x_y", "level", "x", "y"),)


def cell_of(level: int, lat: float, lon: float) -> tuple[int, int]:
    """The (x, y) grid cell of a point at `level`."""
    size = 360.0 / (1 << level)
    return math.floor((lon + 180.0) / size), math.floor((lat + 90.0) / size)


_UPSERTS: dict = {}


def _upsert(dialect: str):
    """One INSERT … ON CONFLICT DO UPDATE per dialect, run for many rows at once."""
    if dialect not in _UPSERTS:
        statement = insert_on_conflict(dialect)(ReportCell.__table__)
        _UPSERTS[dialect] = statement.on_conflict_do_update(
            index_elements=["level", "x", "y", "category_id", "is_open", "district_id"],
            set_={
                "count": ReportCell.count + statement.excluded.count,
                "sum_lat": ReportCell.sum_lat + statement.excluded.sum_lat,
                "sum_lon": ReportCell.sum_lon + statement.excluded.sum_lon,
            },
        )
    return _UPSERTS[dialect]


def adjust(report, delta: int) -> None:
    """Add (delta=1) or remove (delta=-1) a report's weight in every level's cell."""
    if report.hidden_reason is not None or report.waiting_since is not None:
        return
    is_open = workflow()[report.status].is_open
    rows = []
    for level in LEVELS:
        x, y = cell_of(level, report.lat, report.lon)
        rows.append(
            {
                "level": level,
                "x": x,
                "y": y,
                "category_id": report.category_id,
                "is_open": is_open,
                "district_id": report.district_id or 0,
                "count": delta,
                "sum_lat": delta * report.lat,
                "sum_lon": delta * report.lon,
            }
        )
    connection = db.session.connection()
    connection.execute(_upsert(connection.dialect.name), rows)


@dataclass(frozen=True)
class Cluster:
    lat: float
    lon: float
    count: int


def clusters(
    zoom: int,
    bbox: tuple[float, float, float, float],
    category: int | None = None,
    status: str | None = None,
    district: int | None = None,
) -> list[Cluster]:
    """Clusters in the box at a map zoom (status: None, "open" or "closed")."""
    wanted = max(LEVEL_OFFSET, min(zoom + LEVEL_OFFSET, LEVELS[-1]))
    level = max(wanted, LEVELS[0])
    # Farther out than the kept levels: the kept cells, merged as the grids nest
    # (a cell at level L - d holds the 2**d by 2**d cells of level L below it).
    merge = 1 << (level - wanted)
    west, south, east, north = bbox
    x0, y0 = cell_of(level, south, west)
    x1, y1 = cell_of(level, north, east)
    conditions = [
        ReportCell.level == level,
        ReportCell.x.between(x0, x1),
        ReportCell.y.between(y0, y1),
    ]
    if category:
        conditions.append(ReportCell.category_id == category)
    if status in ("open", "closed"):
        conditions.append(ReportCell.is_open == (status == "open"))
    if district:
        conditions.append(ReportCell.district_id == district)
    total = func.sum(ReportCell.count)
    rows = db.session.execute(
        select(total, func.sum(ReportCell.sum_lat), func.sum(ReportCell.sum_lon))
        .where(and_(*conditions))
        .group_by(ReportCell.x // merge, ReportCell.y // merge)
        .having(total > 0)
    )
    return [Cluster(lat / n, lon / n, n) for n, lat, lon in rows]


def rebuild() -> int:
    """Recount every cell from the reports (after bulk loads or imports); returns rows."""
    with job_run(log, "map_cells.rebuild") as run:
        run["cells"] = _rebuild()
    return run["cells"]


def _rebuild() -> int:
    open_keys = set(workflow().open_keys())
    totals: dict[tuple, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    rows = db.session.execute(
        select(
            Report.lat,
            Report.lon,
            Report.category_id,
            Report.status,
            Report.district_id,
        ).where(*PUBLIC)
    )
    for lat, lon, category_id, status, district_id in rows:
        kind = (category_id, status in open_keys, district_id or 0)
        for level in LEVELS:
            size = 360.0 / (1 << level)
            key = (
                level,
                math.floor((lon + 180.0) / size),
                math.floor((lat + 90.0) / size),
                *kind,
            )
            total = totals[key]
            total[0] += 1
            total[1] += lat
            total[2] += lon
    db.session.execute(ReportCell.__table__.delete())
    batch = []
    for (level, x, y, category_id, is_open, district_id), (
        n,
        slat,
        slon,
    ) in totals.items():
        batch.append(
            {
                "level": level,
                "x": x,
                "y": y,
                "category_id": category_id,
                "is_open": is_open,
                "district_id": district_id,
                "count": n,
                "sum_lat": slat,
                "sum_lon": slon,
            }
        )
        if len(batch) == 5000:
            db.session.execute(ReportCell.__table__.insert(), batch)
            batch = []
    if batch:
        db.session.execute(ReportCell.__table__.insert(), batch)
    db.session.commit()
    return len(totals)
