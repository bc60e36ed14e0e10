"""The thread of a project: what the city says (updates, decisions, milestones), what
residents ask and how the city answers, and who follows what."""

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.core.models import Engagement, Project
from participation.extensions import db
from participation.markers import N_
from participation.types import UTCDateTime, utcnow

MILESTONE_STATES = {
    "planned": N_("Planned"),
    "reached": N_("Reached"),
    "missed": N_("Missed"),
}

# What a resident can follow; the key names the followed thing.
FOLLOW_TARGETS = ("project", "district", "theme")

DIGEST_FREQUENCIES = {
    "off": N_("No email"),
    "daily": N_("A daily digest"),
    "weekly": N_("A weekly digest"),
}


class ProjectUpdate(db.Model):
    """Something the city tells the project's residents, at once or at a set time."""

    __tablename__ = "project_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE")
    )
    engagement_id: Mapped[int | None] = mapped_column(
        ForeignKey("engagement.id", ondelete="SET NULL")
    )
    title: Mapped[str] = mapped_column(String(200))
    # Markdown, rendered and sanitised on the way out.
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16), default="en")
    # A photo re-encoded without its metadata (core.photos), or none.
    image: Mapped[str | None] = mapped_column(String(100))
    image_alt: Mapped[str] = mapped_column(String(300), default="")
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Shown from this moment on (now, or a scheduled time).
    publish_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When followers were told (None: not yet, e.g. still scheduled).
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    TRANSLATABLE = ("title", "body", "image_alt")

    project: Mapped[Project] = relationship()
    engagement: Mapped[Engagement | None] = relationship()

    __table_args__ = (
        Index("ix_project_update_project_publish", "project_id", "publish_at"),
        Index("ix_project_update_due", "notified_at", "publish_at"),
    )


decision_engagement = Table(
    "decision_engagement",
    db.metadata,
    Column(
        "decision_id",
        ForeignKey("decision.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "engagement_id",
        ForeignKey("engagement.id", ondelete="CASCADE"),
        primary_key=True,
    ),
)


class Decision(db.Model):
    """What was decided about the project, by whom, when, with the document."""

    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    # The body that decided: "City council", "Mobility committee" …
    decided_by: Mapped[str] = mapped_column(String(200))
    # The day of the decision, stored as the start of that day in the city (UTC).
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)
    document_url: Mapped[str] = mapped_column(String(500), default="")
    language: Mapped[str] = mapped_column(String(16), default="en")
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    TRANSLATABLE = ("title", "description", "decided_by")

    project: Mapped[Project] = relationship()
    # The engagements whose results informed the decision.
    engagements: Mapped[list[Engagement]] = relationship(
        secondary=decision_engagement, order_by=Engagement.opens_at
    )


class ProjectMilestone(db.Model):
    """A step of the project with its date: planned, reached or missed."""

    __tablename__ = "project_milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    # The planned day (start of that day in the city, UTC), and the day it was reached.
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    state: Mapped[str] = mapped_column(String(16), default="planned")
    reached_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    language: Mapped[str] = mapped_column(String(16), default="en")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    TRANSLATABLE = ("title", "note")

    project: Mapped[Project] = relationship()

    __table_args__ = (
        CheckConstraint(
            "state IN ('planned', 'reached', 'missed')", name="milestone_state"
        ),
    )

    @property
    def at(self) -> datetime:
        """Where the milestone stands in time: when reached, else when planned."""
        return self.reached_at or self.due_at


class ProjectQuestion(db.Model):
    """A resident's question or comment on a project or one of its updates."""

    __tablename__ = "project_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE")
    )
    update_id: Mapped[int | None] = mapped_column(
        ForeignKey("project_update.id", ondelete="CASCADE"), index=True
    )
    # "question" expects an answer; "comment" may get one.
    kind: Mapped[str] = mapped_column(String(16), default="question")
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16), default="en")
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    show_name: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Moderation: hidden with a public reason (the text is kept for the record).
    hidden_reason: Mapped[str | None] = mapped_column(Text)

    TRANSLATABLE = ("body",)

    project: Mapped[Project] = relationship()
    author = relationship("User")
    answer: Mapped["ProjectAnswer | None"] = relationship(
        back_populates="question", uselist=False
    )

    __table_args__ = (
        CheckConstraint("kind IN ('question', 'comment')", name="question_kind"),
        Index("ix_project_question_project_created", "project_id", "created_at"),
    )


class ProjectAnswer(db.Model):
    """The city's public answer to a question (one per question; it can be revised)."""

    __tablename__ = "project_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("project_question.id", ondelete="CASCADE"), unique=True
    )
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16), default="en")
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    TRANSLATABLE = ("body",)

    question: Mapped[ProjectQuestion] = relationship(back_populates="answer")


class Subscription(db.Model):
    """A resident following a project, a district or a theme."""

    __tablename__ = "subscription"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    target: Mapped[str] = mapped_column(String(16))
    # The project's or district's id, or the theme's key, as text.
    key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        UniqueConstraint("user_id", "target", "key"),
        Index("ix_subscription_target_key", "target", "key"),
        CheckConstraint(
            "target IN ('project', 'district', 'theme')", name="subscription_target"
        ),
    )


class DigestPreference(db.Model):
    """How often a person wants their followed news by email, and when it last went."""

    __tablename__ = "digest_preference"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    frequency: Mapped[str] = mapped_column(String(8), default="off")
    last_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        CheckConstraint(
            "frequency IN ('off', 'daily', 'weekly')", name="digest_frequency"
        ),
    )
