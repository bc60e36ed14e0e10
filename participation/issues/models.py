"""Departments, categories, reports and what happens to them."""

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    bindparam,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.core import reference
from participation.core.geo import latitude_band
from participation.extensions import db
from participation.types import UTCDateTime, utcnow


class Department(db.Model):
    """A city department that answers reports of its categories."""

    __tablename__ = "department"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)


class DepartmentStaff(db.Model):
    """A staff account that answers for a department: alerted of its reports."""

    __tablename__ = "department_staff"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    department_id: Mapped[int] = mapped_column(
        ForeignKey("department.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Category(db.Model):
    """A kind of problem residents report (an Open311 service)."""

    __tablename__ = "category"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    group: Mapped[str] = mapped_column(String(120), default="")
    keywords: Mapped[str] = mapped_column(String(300), default="")
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    # Extra questions (Open311 service definition attributes), a list of dicts.
    attributes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(default=True)

    department: Mapped[Department] = relationship()


reference.track(Category)


# The condition of the map index (the same as PUBLIC, in SQL).
PUBLIC_SQL = "hidden_reason IS NULL AND waiting_since IS NULL"


class Report(db.Model):
    """A problem in public space, reported by a resident with a pin on the map."""

    __tablename__ = "report"

    TRANSLATABLE = ("title", "description")

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int | None] = mapped_column(ForeignKey("engagement.id"))
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(16), default="en")
    lat: Mapped[float]
    lon: Mapped[float]
    # Derived from lat on insert (reports do not move): what the map's index reads.
    map_band: Mapped[int] = mapped_column(
        default=lambda context: latitude_band(context.get_current_parameters()["lat"])
    )
    district_id: Mapped[int | None] = mapped_column(
        ForeignKey("district.id"), index=True
    )
    location_text: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(32), default="new", index=True)
    reporter_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    # Anonymous to the public unless the reporter chose to show their name.
    show_name: Mapped[bool] = mapped_column(default=False)
    photo: Mapped[str | None] = mapped_column(String(100))
    attribute_values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    source: Mapped[str] = mapped_column(String(16), default="web")
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("report.id"))
    hidden_reason: Mapped[str | None] = mapped_column(Text)
    support_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, index=True
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    fixed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Since when the report waits for its author to confirm their address (a visitor's
    # emailed link, or an account's confirmation); None once published. A waiting
    # report is shown to nobody but its author (PUBLIC below).
    waiting_since: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    category: Mapped[Category] = relationship()
    reporter = relationship("User")
    district = relationship("District")
    changes: Mapped[list["StatusChange"]] = relationship(
        back_populates="report", order_by="StatusChange.created_at"
    )

    __table_args__ = (
        CheckConstraint("lat BETWEEN -90 AND 90", name="lat"),
        CheckConstraint("lon BETWEEN -180 AND 180", name="lon"),
        # Everything a map view filters, sorts and counts on, so those read the
        # index alone; only the page of rows shown is fetched from the table.
        Index(
            "ix_report_map",
            "map_band",
            "lon",
            "lat",
            "created_at",
            "id",
            "category_id",
            "district_id",
            "status",
            sqlite_where=text(PUBLIC_SQL),
            postgresql_where=text(PUBLIC_SQL),
        ),
    )

    @property
    def hidden(self) -> bool:
        return self.hidden_reason is not None

    @property
    def waiting(self) -> bool:
        """Whether it waits for its author's confirmation (not public yet)."""
        return self.waiting_since is not None


# What the public sees of reports: neither hidden by staff nor waiting for its author.
# Every public read says both (the map index is partial on the same condition).
PUBLIC = (Report.hidden_reason.is_(None), Report.waiting_since.is_(None))


# Past this many bands a box is read as one range of bands (a city-wide or wider view).
MAX_BAND_RUNS = 64


def bands_of(south: float, north: float) -> range:
    """The latitude bands a box from `south` to `north` spans."""
    return range(latitude_band(south), latitude_band(north) + 1)


def within(bbox: tuple[float, float, float, float]) -> list:
    """Conditions for reports inside (west, south, east, north), shaped for the map index.

    The index starts with the latitude band: a small box becomes one short run of
    longitudes per band rather than every longitude of its latitudes.
    """
    west, south, east, north = bbox
    bands = bands_of(south, north)
    in_bands = (
        Report.map_band.in_(bands)
        if len(bands) <= MAX_BAND_RUNS
        else Report.map_band.between(bands.start, bands.stop - 1)
    )
    return [in_bands, Report.lon.between(west, east), Report.lat.between(south, north)]


# The same conditions for a small box, as parameters (box_parameters gives their
# values): a statement built once with them skips building its query on every call.
WITHIN_SMALL_BOX = (
    Report.map_band.in_(bindparam("bands", expanding=True)),
    Report.lon.between(bindparam("west"), bindparam("east")),
    Report.lat.between(bindparam("south"), bindparam("north")),
)


def box_parameters(bbox: tuple[float, float, float, float]) -> dict:
    """The values of WITHIN_SMALL_BOX's parameters for (west, south, east, north)."""
    west, south, east, north = bbox
    bands = list(bands_of(south, north))
    return {"bands": bands, "west": west, "east": east, "south": south, "north": north}


def read_map_index(statement):
    """The statement over reports, told to read the map index on SQLite.

    Without statistics SQLite prefers any equality (category, status, district) to the
    map index's ranges, and would read every report of a category to find a street's.
    (PostgreSQL keeps statistics and needs no telling. extensions.py lets SQLAlchemy
    write the hint.)
    """
    return statement.with_hint(Report.__table__, "INDEXED BY ix_report_map", "sqlite")


class StatusChange(db.Model):
    """A public step in a report's life: a status change or an update, with its note."""

    __tablename__ = "status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(32))
    to_status: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(16), default="en")
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    official: Mapped[bool] = mapped_column(default=True)
    # Indexed: the Open311 updates feed reads the steps of a window of time.
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, index=True
    )

    TRANSLATABLE = ("note",)

    report: Mapped[Report] = relationship(back_populates="changes")


class Support(db.Model):
    """A resident's "me too" on a report: one per resident."""

    __tablename__ = "support"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("report_id", "user_id"),)


class Follow(db.Model):
    """A resident following a report's updates."""

    __tablename__ = "follow"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("report_id", "user_id"),)


class Landmark(db.Model):
    """A named street or place, so a report can be placed without a map."""

    __tablename__ = "landmark"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    lat: Mapped[float]
    lon: Mapped[float]
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"))

    district = relationship("District")


class ResponseTemplate(db.Model):
    """A ready-made public note staff can start from when answering reports."""

    __tablename__ = "response_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(120), unique=True)
    body: Mapped[str] = mapped_column(Text)
    # The status this answer usually goes with (a hint, not a rule).
    status: Mapped[str | None] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(16), default="en")
