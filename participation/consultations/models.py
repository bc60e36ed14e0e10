"""Consultations: the engagement itself, its text to comment on, and the city's answers
(the survey's questions and responses: survey_models.py)."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.core.models import Engagement
from participation.extensions import db
from participation.markers import N_
from participation.types import UTCDateTime, utcnow

AUDIENCES = {
    "everyone": N_("Everyone (no account needed)"),
    "signed_in": N_("Signed-in residents"),
    "district": N_("Residents of the district"),
}
COMMITMENTS = {
    "advisory": N_("Advisory: the city takes the input into account"),
    "respond_all": N_("The city commits to respond to every input"),
    "binding": N_("Binding: the outcome decides"),
}


class Consultation(Engagement):
    """A consultation of a project; its summary is the purpose."""

    __tablename__ = "consultation"

    id: Mapped[int] = mapped_column(ForeignKey("engagement.id"), primary_key=True)
    already_decided: Mapped[str] = mapped_column(Text, default="", server_default="")
    still_open: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The decision this consultation informs (its date is Engagement.decided_at).
    decision: Mapped[str] = mapped_column(Text, default="", server_default="")
    audience: Mapped[str] = mapped_column(
        String(16), default="signed_in", server_default="signed_in"
    )
    commitment: Mapped[str] = mapped_column(
        String(16), default="advisory", server_default="advisory"
    )
    commitment_url: Mapped[str] = mapped_column(
        String(500), default="", server_default=""
    )
    results_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # "What we heard, what we did": its introduction and when it was published.
    report_summary: Mapped[str] = mapped_column(Text, default="", server_default="")
    report_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    TRANSLATABLE = (
        "title",
        "summary",
        "already_decided",
        "still_open",
        "decision",
        "report_summary",
    )

    sections: Mapped[list["Section"]] = relationship(
        back_populates="consultation",
        order_by="Section.position",
        cascade="all, delete-orphan",
    )
    themes: Mapped[list["ReportTheme"]] = relationship(
        order_by="ReportTheme.position", cascade="all, delete-orphan"
    )
    closing_changes: Mapped[list["ClosingChange"]] = relationship(
        order_by="ClosingChange.created_at", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"polymorphic_identity": "consultation"}
    __table_args__ = (
        CheckConstraint(
            "audience IN ('everyone', 'signed_in', 'district')", name="audience"
        ),
        CheckConstraint(
            "commitment IN ('advisory', 'respond_all', 'binding')", name="commitment"
        ),
    )


class ClosingChange(db.Model):
    """A change of the closing date, shown publicly."""

    __tablename__ = "consultation_closing_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), index=True
    )
    old_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    new_closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(16), default="en")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    TRANSLATABLE = ("reason",)


class Section(db.Model):
    """A section (paragraph) of the text residents comment on."""

    __tablename__ = "consultation_section"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    heading: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16), default="en")
    support_count: Mapped[int] = mapped_column(default=0)

    TRANSLATABLE = ("heading", "body")

    consultation: Mapped[Consultation] = relationship(back_populates="sections")


class Comment(db.Model):
    """A resident's comment on a section, or a reply to another comment."""

    __tablename__ = "consultation_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), index=True
    )
    section_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_section.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultation_comment.id", ondelete="CASCADE")
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    show_name: Mapped[bool] = mapped_column(default=False)
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16), default="en")
    support_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    TRANSLATABLE = ("body",)

    author = relationship("User")
    reply: Mapped["OfficialReply | None"] = relationship(
        primaryjoin="OfficialReply.comment_id == Comment.id", uselist=False
    )


class CommentSupport(db.Model):
    """A resident's support of a comment: one each."""

    __tablename__ = "consultation_comment_support"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_comment.id", ondelete="CASCADE")
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("comment_id", "user_id", name="one_support"),)


class SectionSupport(db.Model):
    """A resident's support of a section of the text: one each."""

    __tablename__ = "consultation_section_support"

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_section.id", ondelete="CASCADE")
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        UniqueConstraint("section_id", "user_id", name="one_section_support"),
    )


class OfficialReply(db.Model):
    """The city's public answer to one input (a comment or a survey response)."""

    __tablename__ = "consultation_reply"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), index=True
    )
    comment_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultation_comment.id", ondelete="CASCADE"), unique=True
    )
    response_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultation_response.id", ondelete="CASCADE"), unique=True
    )
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16), default="en")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    TRANSLATABLE = ("body",)

    __table_args__ = (
        CheckConstraint(
            "(comment_id IS NULL) <> (response_id IS NULL)", name="one_target"
        ),
    )


class ReportTheme(db.Model):
    """One theme of "what we heard, what we did": what residents said, what was decided."""

    __tablename__ = "consultation_theme"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    heard: Mapped[str] = mapped_column(Text)
    did: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16), default="en")
    # The recorded decision of the project it led to (core.decisions reads it).
    decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("decision.id", ondelete="SET NULL"), index=True
    )

    TRANSLATABLE = ("heard", "did")
