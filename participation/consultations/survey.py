"""Survey questions (fixed once answered) and residents' responses (one each)."""

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from participation.auth.permissions import require
from participation.consultations import services
from participation.consultations.models import Consultation
from participation.consultations.survey_models import (
    CHOICE_KINDS,
    QUESTION_KINDS,
    SCALES,
    Answer,
    Clarification,
    Option,
    Question,
    Response,
)
from participation.core.audit import record_action
from participation.core.services import check_language, check_text, location_error
from participation.errors import Invalid
from participation.extensions import db, one_at_a_time
from participation.lookup import stored
from participation.types import utcnow

MAX_OPTIONS, MAX_QUESTIONS, MAX_ANSWER = 20, 50, 5000


@dataclass
class QuestionData:
    kind: str
    prompt: str
    help: str = ""
    required: bool = False
    options: list[str] = field(default_factory=list)
    scale: tuple[int, int] | None = None
    min_label: str = ""
    max_label: str = ""


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


def get_question(question_id: int) -> Question:
    """The question with this id, or NotFound."""
    return stored(Question, question_id, "question")


def _require_unanswered(consultation: Consultation) -> None:
    if services.response_count(consultation):
        raise Invalid(
            {
                "question": _(
                    "Responses have come in: questions stay as they are so answers "
                    "remain comparable. Add a clarification instead."
                )
            }
        )


def _validate_question(data: QuestionData) -> None:
    errors: dict[str, str] = {}
    data.prompt = data.prompt.strip()
    data.options = [o.strip() for o in data.options if o.strip()]
    if data.kind not in QUESTION_KINDS:
        errors["kind"] = _("Choose a kind of question from the list.")
    if not data.prompt:
        errors["prompt"] = _("This field is required.")
    elif len(data.prompt) > 500:
        errors["prompt"] = _("Use at most %(limit)d characters.", limit=500)
    if len(data.help) > MAX_ANSWER:
        errors["help"] = _("Use at most %(limit)d characters.", limit=MAX_ANSWER)
    if data.kind in CHOICE_KINDS:
        if len(data.options) < 2:
            errors["options"] = _("Give at least two options, one per line.")
        elif len(data.options) > MAX_OPTIONS:
            errors["options"] = _("Give at most %(limit)d options.", limit=MAX_OPTIONS)
        elif len(set(data.options)) != len(data.options):
            errors["options"] = _("Each option must be different.")
        elif max(len(o) for o in data.options) > 200:
            errors["options"] = _("Use at most %(limit)d characters.", limit=200)
    else:
        data.options = []
    if data.kind == "scale":
        if data.scale not in SCALES:
            errors["scale"] = _("Choose a scale from the list.")
        for name in ("min_label", "max_label"):
            if len(getattr(data, name)) > 80:
                errors[name] = _("Use at most %(limit)d characters.", limit=80)
    else:
        data.scale, data.min_label, data.max_label = None, "", ""
    if errors:
        raise Invalid(errors)


def _fill(question: Question, data: QuestionData, language: str) -> None:
    question.kind, question.prompt, question.help = data.kind, data.prompt, data.help
    question.required, question.language = data.required, language
    question.scale_min, question.scale_max = data.scale or (None, None)
    question.min_label, question.max_label = data.min_label, data.max_label
    question.options = [
        Option(position=n, label=label, language=language)
        for n, label in enumerate(data.options)
    ]


def add_question(actor: Any, consultation_id: int, data: QuestionData) -> Question:
    """Add a question at the end of the survey (before any response)."""
    consultation = services.get_consultation(consultation_id)
    require(actor, "manage_consultations", consultation)
    _require_unanswered(consultation)
    _validate_question(data)
    if len(consultation.questions) >= MAX_QUESTIONS:
        raise Invalid(
            {
                "prompt": _(
                    "A survey has at most %(limit)d questions.", limit=MAX_QUESTIONS
                )
            }
        )
    question = Question(position=len(consultation.questions))
    _fill(question, data, consultation.language)
    consultation.questions.append(question)
    db.session.flush()
    record_action(actor, "consultation.question.add", "question", question.id)
    db.session.commit()
    return question


def update_question(actor: Any, question_id: int, data: QuestionData) -> Question:
    """Change a question (before any response)."""
    question = get_question(question_id)
    require(actor, "manage_consultations", question.consultation)
    _require_unanswered(question.consultation)
    _validate_question(data)
    _fill(question, data, question.consultation.language)
    record_action(actor, "consultation.question.update", "question", question.id)
    db.session.commit()
    return question


def delete_question(actor: Any, question_id: int) -> None:
    """Remove a question (before any response)."""
    question = get_question(question_id)
    consultation = question.consultation
    require(actor, "manage_consultations", consultation)
    _require_unanswered(consultation)
    consultation.questions.remove(question)
    for n, other in enumerate(consultation.questions):
        other.position = n
    record_action(actor, "consultation.question.delete", "question", question_id)
    db.session.commit()


def move_question(actor: Any, question_id: int, step: int) -> None:
    """Move a question up (-1) or down (+1) in the survey (before any response)."""
    question = get_question(question_id)
    consultation = question.consultation
    require(actor, "manage_consultations", consultation)
    _require_unanswered(consultation)
    order = list(consultation.questions)
    index = order.index(question)
    target = index + (1 if step > 0 else -1)
    if 0 <= target < len(order):
        order[index], order[target] = order[target], order[index]
        for n, other in enumerate(order):
            other.position = n
        db.session.commit()
        db.session.expire(consultation, ["questions"])  # read again in the new order


def add_clarification(
    actor: Any, question_id: int, body: str, language: str
) -> Clarification:
    """A note under a question, shown to everyone (the question itself stays)."""
    question = get_question(question_id)
    require(actor, "manage_consultations", question.consultation)
    body = (body or "").strip()
    errors: dict[str, str] = {}
    check_text(errors, "body", body, MAX_ANSWER)
    if errors:
        raise Invalid(errors)
    note = Clarification(
        question_id=question.id, body=body, language=language, actor_id=actor.id
    )
    db.session.add(note)
    db.session.flush()
    record_action(actor, "consultation.clarify", "question", question.id)
    db.session.commit()
    return note


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
