"""Survey questions: built by the planner, fixed once answered, clarified after
(residents' responses: responses.py)."""

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from participation.auth.permissions import require
from participation.consultations import services
from participation.consultations.models import Consultation
from participation.consultations.responses import MAX_ANSWER, response_count
from participation.consultations.survey_models import (
    CHOICE_KINDS,
    QUESTION_KINDS,
    SCALES,
    Clarification,
    Option,
    Question,
)
from participation.core.audit import record_action
from participation.core.checks import check_text
from participation.errors import Invalid
from participation.extensions import db
from participation.lookup import stored

MAX_OPTIONS, MAX_QUESTIONS = 20, 50


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


def get_question(question_id: int) -> Question:
    """The question with this id, or NotFound."""
    return stored(Question, question_id, "question")


def _require_unanswered(consultation: Consultation) -> None:
    if response_count(consultation):
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
