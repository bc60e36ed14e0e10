"""Residents' responses to a consultation's survey: one each, checked answer by answer
against its questions, replaced until it closes."""

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from participation.consultations import services
from participation.consultations.models import Consultation
from participation.consultations.survey_models import (
    CHOICE_KINDS,
    Answer,
    Question,
    Response,
)
from participation.core.checks import check_language
from participation.core.places import location_error
from participation.errors import Invalid
from participation.extensions import db, one_at_a_time
from participation.types import utcnow

MAX_ANSWER = 5000


@dataclass
class AnswerData:
    """A resident's answer as given: option ids (in rank order for a ranking), a
    number on the scale, a text, or a point."""

    choices: list[int] | None = None
    number: int | None = None
    text: str = ""
    lat: float | None = None
    lon: float | None = None

    @property
    def is_empty(self) -> bool:
        return (
            not self.choices
            and self.number is None
            and not self.text.strip()
            and self.lat is None
            and self.lon is None
        )


def response_count(consultation: Consultation) -> int:
    """How many survey responses it has."""
    return db.session.scalar(
        select(func.count(Response.id)).where(
            Response.consultation_id == consultation.id
        )
    )


def _check_answer(question: Question, answer: AnswerData) -> str | None:
    """The error message for this answer to this question, or None."""
    if answer.is_empty:
        return _("This question needs an answer.") if question.required else None
    option_ids = {o.id for o in question.options}
    kind = question.kind
    if kind in CHOICE_KINDS:
        choices = answer.choices or []
        if not choices or any(c not in option_ids for c in choices):
            return _("Choose among the options given.")
        if len(set(choices)) != len(choices):
            return _("Give each option one rank only.")
        if kind == "single" and len(choices) != 1:
            return _("Choose one option.")
        if kind == "ranking" and question.required and len(choices) != len(option_ids):
            return _("Rank every option.")
    elif kind == "scale":
        if answer.number is None or not (
            question.scale_min <= answer.number <= question.scale_max
        ):
            return _(
                "Choose a value from %(low)d to %(high)d.",
                low=question.scale_min,
                high=question.scale_max,
            )
    elif kind == "text":
        if len(answer.text) > MAX_ANSWER:
            return _("Use at most %(limit)d characters.", limit=MAX_ANSWER)
    elif kind == "point":
        return location_error(answer.lat, answer.lon)
    return None


def _answer_row(question: Question, answer: AnswerData, language: str) -> Answer:
    kind = question.kind
    return Answer(
        question_id=question.id,
        choices=list(answer.choices) if kind in CHOICE_KINDS else None,
        number=answer.number if kind == "scale" else None,
        text=answer.text.strip() if kind == "text" else "",
        lat=answer.lat if kind == "point" else None,
        lon=answer.lon if kind == "point" else None,
        language=language,
    )


def own_response(user: Any, consultation: Consultation) -> Response | None:
    """The signed-in resident's response to this consultation, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalars(
        select(Response).where(
            Response.consultation_id == consultation.id, Response.user_id == user.id
        )
    ).first()


def submit_response(
    user: Any,
    consultation_id: int,
    answers: dict[int, AnswerData],
    language: str,
) -> Response:
    """Record (or, until closing, replace) a resident's answers. Anonymous where the
    planner allows it; one response per signed-in resident, by the database."""
    consultation = services.get_consultation(consultation_id)
    services.require_participation(user, consultation)
    if not consultation.questions:
        raise Invalid({"consultation": _("This consultation has no survey.")})
    errors = {}
    check_language(errors, language)
    if errors:
        raise Invalid(errors)
    errors = {}
    for question in consultation.questions:
        error = _check_answer(question, answers.get(question.id, AnswerData()))
        if error:
            errors[f"q{question.id}"] = error
    if all(answers.get(q.id, AnswerData()).is_empty for q in consultation.questions):
        errors.setdefault("consultation", _("Answer at least one question."))
    if errors:
        raise Invalid(errors)
    signed_in = getattr(user, "is_authenticated", False)
    if signed_in:
        # A double click: the second post waits, then replaces the first's answers.
        one_at_a_time("response", consultation.id, user.id)
    response = own_response(user, consultation) if signed_in else None
    now = utcnow()
    if response is None:
        response = Response(
            consultation_id=consultation.id,
            user_id=user.id if signed_in else None,
            created_at=now,
        )
        db.session.add(response)
    response.language, response.updated_at = language, now
    if response.answers:
        # The old answers go first: the new ones take their (response, question) places.
        response.answers = []
        db.session.flush()
    response.answers = [
        _answer_row(question, answers[question.id], language)
        for question in consultation.questions
        if not answers.get(question.id, AnswerData()).is_empty
    ]
    try:
        db.session.commit()
    except IntegrityError:
        # Another request of the same resident got there first (a double click).
        db.session.rollback()
        raise Invalid(
            {
                "consultation": _(
                    "You have already answered: edit your response instead."
                )
            }
        ) from None
    return response
