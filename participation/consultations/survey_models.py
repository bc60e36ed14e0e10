"""A consultation's survey: its questions (fixed once answered, clarified after) and
residents' responses (one each), answer by answer."""

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.consultations.models import Consultation, OfficialReply
from participation.extensions import db
from participation.markers import N_
from participation.types import UTCDateTime, utcnow

QUESTION_KINDS = {
    "single": N_("Single choice"),
    "multiple": N_("Multiple choice"),
    "text": N_("Free text"),
    "ranking": N_("Ranking"),
    "scale": N_("Scale"),
    "point": N_("A point on the map"),
}
# Kinds whose answers are chosen among the question's options.
CHOICE_KINDS = ("single", "multiple", "ranking")
SCALES = {(1, 5), (0, 10)}


class Question(db.Model):
    """A survey question; fixed once responses exist (clarifications may follow)."""

    __tablename__ = "consultation_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(16))
    prompt: Mapped[str] = mapped_column(String(500))
    help: Mapped[str] = mapped_column(Text, default="")
    required: Mapped[bool] = mapped_column(default=False)
    scale_min: Mapped[int | None]
    scale_max: Mapped[int | None]
    min_label: Mapped[str] = mapped_column(String(80), default="")
    max_label: Mapped[str] = mapped_column(String(80), default="")
    language: Mapped[str] = mapped_column(String(16), default="en")

    TRANSLATABLE = ("prompt", "help", "min_label", "max_label")

    consultation: Mapped[Consultation] = relationship(back_populates="questions")
    options: Mapped[list["Option"]] = relationship(
        order_by="Option.position", cascade="all, delete-orphan"
    )
    clarifications: Mapped[list["Clarification"]] = relationship(
        order_by="Clarification.created_at", cascade="all, delete-orphan"
    )

    __table_args__ = (
        CheckConstraint(
            "kind IN ('single', 'multiple', 'text', 'ranking', 'scale', 'point')",
            name="kind",
        ),
    )


# The consultation's questions, declared beside Question so that models.py need not
# know the survey: Consultation.questions all the same.
Consultation.questions = relationship(
    Question,
    back_populates="consultation",
    order_by=Question.position,
    cascade="all, delete-orphan",
)


class Option(db.Model):
    """One option of a choice or ranking question."""

    __tablename__ = "consultation_option"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_question.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    label: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(16), default="en")

    TRANSLATABLE = ("label",)


class Clarification(db.Model):
    """A note added to a question after responses came in (the question stays as is)."""

    __tablename__ = "consultation_clarification"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_question.id", ondelete="CASCADE"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16), default="en")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    TRANSLATABLE = ("body",)


class Response(db.Model):
    """One resident's answers to a survey: one per resident, by the database."""

    __tablename__ = "consultation_response"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), index=True
    )
    # None for anonymous participation (where the planner allows it).
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    language: Mapped[str] = mapped_column(String(16), default="en")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    answers: Mapped[list["Answer"]] = relationship(
        cascade="all, delete-orphan", back_populates="response"
    )
    reply: Mapped["OfficialReply | None"] = relationship(
        primaryjoin="OfficialReply.response_id == Response.id", uselist=False
    )

    __table_args__ = (
        UniqueConstraint("consultation_id", "user_id", name="one_response_each"),
    )


class Answer(db.Model):
    """The answer to one question: option ids (ranked order for rankings), a number,
    a text or a point."""

    __tablename__ = "consultation_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_response.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_question.id", ondelete="CASCADE"), index=True
    )
    choices: Mapped[list[int] | None] = mapped_column(JSON)
    number: Mapped[int | None]
    text: Mapped[str] = mapped_column(Text, default="")
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    language: Mapped[str] = mapped_column(String(16), default="en")

    TRANSLATABLE = ("text",)

    response: Mapped[Response] = relationship(back_populates="answers")

    __table_args__ = (
        UniqueConstraint("response_id", "question_id", name="one_answer_each"),
    )
