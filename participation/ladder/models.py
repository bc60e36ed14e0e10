"""What planners record about an engagement for the ladder, and the stored assessment
(kept fresh: any change to what it rests on marks it stale)."""

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
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.extensions import db
from participation.types import UTCDateTime, utcnow


class RecordedFact(db.Model):
    """A fact a planner recorded: declared, or documented with its evidence."""

    __tablename__ = "recorded_fact"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(
        ForeignKey("engagement.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(40))
    value: Mapped[Any] = mapped_column(JSON)
    provenance: Mapped[str] = mapped_column(String(16))
    evidence: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        UniqueConstraint("engagement_id", "key"),
        CheckConstraint(
            "provenance IN ('declared', 'documented')", name="recorded_provenance"
        ),
    )


class LadderAssessment(db.Model):
    """The evidenced rung of an engagement as last computed, with its explanation."""

    __tablename__ = "ladder_assessment"

    engagement_id: Mapped[int] = mapped_column(
        ForeignKey("engagement.id", ondelete="CASCADE"), primary_key=True
    )
    rung: Mapped[int]
    confidence: Mapped[float]
    flags: Mapped[list] = mapped_column(JSON, default=list)
    caps: Mapped[list] = mapped_column(JSON, default=list)
    # Each line: {"template", "values", "facts"} (translated when shown).
    trace: Mapped[list] = mapped_column(JSON, default=list)
    held_back: Mapped[list] = mapped_column(JSON, default=list)
    # The merged facts it was computed from (key -> value, provenance, evidence).
    facts: Mapped[dict] = mapped_column(JSON, default=dict)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set when something it rests on changed; the next read recomputes it.
    stale: Mapped[bool] = mapped_column(default=False, index=True)
    # The city report's figures, copied out of the facts when computed (see
    # services.report_figures) so the report reads columns, not 10,000 documents.
    contributions: Mapped[int | None]
    answered_share: Mapped[float | None]
    median_days_to_answer: Mapped[float | None]
    options_adopted: Mapped[int | None]
    binding: Mapped[bool | None]
    winners: Mapped[int | None]
    implemented: Mapped[int | None]
    on_time: Mapped[int | None]
    recurring: Mapped[bool | None]
    longest_gap_days: Mapped[float | None]
    # Its timing as the rubric judged it (ladder/timing.py): None when no decision
    # date is known. The consultation's box and the report's timeliness read these.
    decided_before_opening: Mapped[bool | None]
    closed_before_decision: Mapped[bool | None]
    lead_days: Mapped[float | None]

    __table_args__ = (CheckConstraint("rung BETWEEN 1 AND 8", name="assessed_rung"),)

    # Evaluators' reviews of the engagement, newest first (read-only from here).
    reviews = relationship(
        "LadderReview",
        primaryjoin="foreign(LadderReview.engagement_id) == "
        "LadderAssessment.engagement_id",
        order_by="desc(LadderReview.id)",
        viewonly=True,
    )

    @property
    def last_review(self):
        return self.reviews[0] if self.reviews else None


class LadderReview(db.Model):
    """An evaluator's verdict on an engagement's rung. Append-only: a new review
    supersedes the last one for display; none is ever changed or removed."""

    __tablename__ = "ladder_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(
        ForeignKey("engagement.id", ondelete="CASCADE"), index=True
    )
    reviewer_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    # The rung the evidence supported when reviewed, and the rung the evaluator gives.
    computed_rung: Mapped[int]
    rung: Mapped[int]
    reason: Mapped[str] = mapped_column(Text, default="")
    # Links or references, one per line.
    evidence: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    # Who reviewed: an evaluator acts in a public role and is named (LADDER.md: who
    # and when); None once the account is deleted.
    reviewer = relationship("User", viewonly=True)

    __table_args__ = (
        CheckConstraint("rung BETWEEN 1 AND 8", name="reviewed_rung"),
        CheckConstraint("computed_rung BETWEEN 1 AND 8", name="reviewed_computed"),
    )

    @property
    def confirms(self) -> bool:
        return self.rung == self.computed_rung

    @property
    def reviewer_name(self) -> str | None:
        """The evaluator as published for the role: the name on their account (None
        once the account is gone)."""
        return self.reviewer.display_name if self.reviewer is not None else None


class PeopleTally(db.Model):
    """How many took part in an engagement, counted ahead of the city report: the
    accounts (one Participant row each) and the contributions made without one. A
    contribution added, changed or removed marks it stale (ladder/freshness.py);
    ladder/people.py recounts the stale ones."""

    __tablename__ = "ladder_people_tally"

    engagement_id: Mapped[int] = mapped_column(
        ForeignKey("engagement.id", ondelete="CASCADE"), primary_key=True
    )
    accounts: Mapped[int] = mapped_column(default=0)
    anonymous: Mapped[int] = mapped_column(default=0)
    stale: Mapped[bool] = mapped_column(default=True, index=True)
    counted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Participant(db.Model):
    """An account that took part in an engagement, once, with its contributions
    there, and the engagement's district and quarter of opening (reach and return by
    district and quarter read these indexes alone). Derived data: recounted from the
    contributions, removed with the account."""

    __tablename__ = "ladder_participant"

    engagement_id: Mapped[int] = mapped_column(
        ForeignKey("engagement.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    district_id: Mapped[int | None] = mapped_column()
    # The engagement's quarter of opening, year × 4 + (quarter − 1) (UTC).
    quarter: Mapped[int] = mapped_column()
    contributions: Mapped[int] = mapped_column(default=1)

    __table_args__ = (
        Index("ix_ladder_participant_district_user", "district_id", "user_id"),
        # One index per grouping of the report (ladder/report_counts.py people_reached()), each
        # read in its order: residents, quarters, districts by quarter.
        Index("ix_ladder_participant_user_quarter", "user_id", "quarter"),
        Index("ix_ladder_participant_quarter_user", "quarter", "user_id"),
        Index(
            "ix_ladder_participant_quarter_district_user",
            "quarter",
            "district_id",
            "user_id",
        ),
    )


class QuarterCount(db.Model):
    """How many accounts took part in the engagements opened in a quarter, in the
    whole city (district_id 0, the row that says whether the quarter is stale) and
    per district, counted ahead like the tallies: recounting an engagement marks its
    quarters stale (ladder/people.py), and only stale quarters are counted again."""

    __tablename__ = "ladder_quarter_count"

    quarter: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(primary_key=True)  # 0: the whole city
    accounts: Mapped[int] = mapped_column(default=0)
    stale: Mapped[bool] = mapped_column(default=True)
