"""Core domain: city settings, districts, projects, engagements, audit log."""

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ColumnElement,
    ForeignKey,
    Index,
    String,
    Text,
    case,
    or_,
    type_coerce,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.core import reference
from participation.extensions import db
from participation.markers import N_
from participation.types import UTCDateTime, utcnow

THEMES = {
    "mobility": N_("Mobility"),
    "lighting": N_("Street lighting"),
    "parks": N_("Parks and green space"),
    "housing": N_("Housing"),
    "data_sensors": N_("Data and sensors"),
    "public_space": N_("Public space"),
    "other": N_("Other"),
}

PROJECT_STATUSES = {
    "planning": N_("Planning"),
    "underway": N_("Underway"),
    "completed": N_("Completed"),
    "paused": N_("Paused"),
}

ENGAGEMENT_KINDS = {
    "issue_channel": N_("Issue reporting"),
    "consultation": N_("Consultation"),
    "budget_process": N_("Participatory budget"),
    "meeting": N_("Meeting"),
}


def is_open_between(
    opens_at: datetime, closes_at: datetime | None, now: datetime
) -> bool:
    """Whether an engagement with these dates takes part at `now`."""
    return opens_at <= now and (closes_at is None or now < closes_at)


class City(db.Model):
    """The one city this installation serves."""

    __tablename__ = "city"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    default_locale: Mapped[str] = mapped_column(String(16), default="en")
    # Bounding box in WGS84 degrees: reports and proposals must fall inside it.
    # ISO 4217 code for amounts of money (budgets, costs).
    currency: Mapped[str] = mapped_column(
        String(3), default="EUR", server_default="EUR"
    )
    south: Mapped[float]
    west: Mapped[float]
    north: Mapped[float]
    east: Mapped[float]

    __table_args__ = (
        CheckConstraint("south < north", name="bounds_lat"),
        CheckConstraint("west < east", name="bounds_lon"),
    )


class District(db.Model):
    """An administrative area of the city, with its boundary as a GeoJSON geometry."""

    __tablename__ = "district"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    # GeoJSON Polygon or MultiPolygon geometry, WGS84.
    boundary: Mapped[dict[str, Any]] = mapped_column(JSON)
    population: Mapped[int]

    __table_args__ = (CheckConstraint("population >= 0", name="population"),)


class Project(db.Model):
    """A city initiative with a living thread and engagements over its life."""

    __tablename__ = "project"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    theme: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(32), default="planning")
    # The language the texts were written in (translations are shown to other readers).
    language: Mapped[str] = mapped_column(String(16), default="en", server_default="en")
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )

    TRANSLATABLE = ("title", "summary", "description")

    district: Mapped[District | None] = relationship()
    engagements: Mapped[list["Engagement"]] = relationship(
        back_populates="project", order_by="Engagement.opens_at"
    )


class Engagement(db.Model):
    """One participation process of a project; features subclass it (joined tables)."""

    __tablename__ = "engagement"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"))
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the decision this engagement informs was or will be taken.
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The rung the planner claims, or None: the planner chose to make no claim.
    claimed_rung: Mapped[int | None]
    # The IAP2 level the claim was made in (its lowest rung is claimed_rung), if any.
    claim_words: Mapped[str | None] = mapped_column(String(16))
    # Where an imported engagement came from (e.g. a Pabulib file's own description).
    # An import is an archive, out of everything the city counts, until a planner
    # attaches it to the project on purpose (attached_at): see counts_for_city.
    imported_from: Mapped[str | None] = mapped_column(Text)
    attached_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    language: Mapped[str] = mapped_column(String(16), default="en", server_default="en")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )

    TRANSLATABLE = ("title", "summary")

    project: Mapped[Project] = relationship(back_populates="engagements")
    district: Mapped[District | None] = relationship()

    __table_args__ = (
        CheckConstraint("claimed_rung BETWEEN 1 AND 8", name="claimed_rung"),
        CheckConstraint("closes_at IS NULL OR closes_at > opens_at", name="dates"),
    )
    __mapper_args__ = {"polymorphic_on": "kind", "polymorphic_identity": "engagement"}

    def is_open(self, now: datetime | None = None) -> bool:
        """Whether residents can take part at `now` (default: this moment)."""
        return is_open_between(self.opens_at, self.closes_at, now or utcnow())

    # The one rule of what the city's report, feeds, timelines, home page and
    # evaluator queue count: the city's own engagements, and imports a planner
    # attached on purpose (an unattached import is an archive).
    @hybrid_property
    def counts_for_city(self) -> bool:
        return self.imported_from is None or self.attached_at is not None

    @counts_for_city.inplace.expression
    @classmethod
    def _counts_for_city(cls) -> ColumnElement[bool]:
        return or_(cls.imported_from.is_(None), cls.attached_at.is_not(None))

    @property
    def is_archive(self) -> bool:
        """An import no planner attached: tallied and explained, never counted."""
        return not self.counts_for_city


def counted_moment(column: Any) -> Any:
    """When something of an engagement happened, as the city's timelines show it:
    what an attached import did before its attachment appears at the attachment,
    not years before (a missing moment stays missing)."""
    attached = Engagement.attached_at
    return type_coerce(
        case((column < attached, attached), else_=column),
        UTCDateTime(),
    )


def city_engagements(engagements: list["Engagement"]) -> list["Engagement"]:
    """The engagements of a list that count for the city (counts_for_city)."""
    return [e for e in engagements if e.counts_for_city]


class IssueChannel(Engagement):
    """Map-based issue reporting (filled in by the issues feature)."""

    __tablename__ = "issue_channel"
    id: Mapped[int] = mapped_column(ForeignKey("engagement.id"), primary_key=True)
    __mapper_args__ = {"polymorphic_identity": "issue_channel"}


class Meeting(Engagement):
    """An offline or hybrid event recorded by staff."""

    __tablename__ = "meeting"
    id: Mapped[int] = mapped_column(ForeignKey("engagement.id"), primary_key=True)
    venue: Mapped[str] = mapped_column(String(200), default="")
    __mapper_args__ = {"polymorphic_identity": "meeting"}


def engagement_class(kind: str) -> type[Engagement]:
    """The mapped class of an engagement kind (features map their own subclasses)."""
    return Engagement.__mapper__.polymorphic_map[kind].class_


# Read by almost every request: each process keeps a copy (core/reference.py).
reference.track(City, District, Engagement, IssueChannel)


class AuditEntry(db.Model):
    """An official action: who did what to which object, when, before and after."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    action: Mapped[str] = mapped_column(String(64), index=True)
    target_type: Mapped[str] = mapped_column(String(64))
    target_id: Mapped[int | None]
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, index=True
    )

    actor = relationship("User")


class OutboxMessage(db.Model):
    """An email queued for delivery (the transport is configuration: SMTP, or a file or
    the log in development; notify/outbox.py).

    A sender claims a message before sending it (`claimed_until`), so two senders never
    send the same one; a failure is kept with its error and retried later
    (`next_attempt_at`), until the last try marks it failed (`failed_at`), for admins.
    """

    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    to: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    # An HTML alternative of the body, where it helps (a button for a link).
    html: Mapped[str | None] = mapped_column(Text)
    # The reader's language (Content-Language), and what the message is for.
    locale: Mapped[str] = mapped_column(String(16), default="en")
    kind: Mapped[str] = mapped_column(String(40), default="notice")
    # Made once when queued: every retry carries the same Message-ID.
    message_id: Mapped[str | None] = mapped_column(String(250))
    # One-click unsubscribe (RFC 8058), on every notification.
    unsubscribe_url: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    __table_args__ = (Index("ix_outbox_message_due", "sent_at", "next_attempt_at"),)


class BouncedAddress(db.Model):
    """An address whose mail server refused it for good: nothing more is sent to it,
    and the account with this address says so."""

    __tablename__ = "bounced_address"

    address: Mapped[str] = mapped_column(String(254), primary_key=True)
    reason: Mapped[str] = mapped_column(String(500), default="")
    bounced_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
