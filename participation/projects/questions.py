"""Residents ask or comment on a project or one of its updates; the city answers in
public. Unanswered questions stay visible with their age."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from participation.auth.models import User
from participation.auth.permissions import require
from participation.core.audit import record_action
from participation.core.services import check_language, check_text, get_project
from participation.errors import Invalid, NotAllowed, NotFound
from participation.extensions import db
from participation.projects.follows import notify_asker
from participation.projects.models import ProjectAnswer, ProjectQuestion, ProjectUpdate
from participation.types import utcnow

QUESTION_KINDS = ("question", "comment")


@dataclass
class QuestionData:
    body: str
    kind: str = "question"
    language: str = "en"
    show_name: bool = False
    update_id: int | None = None


def ask_question(author: Any, project_id: int, data: QuestionData) -> ProjectQuestion:
    """A signed-in resident asks a question or comments (on the project or an update)."""
    if not getattr(author, "is_authenticated", False) or not author.is_active:
        raise NotAllowed("ask_question")
    get_project(project_id)
    errors: dict[str, str] = {}
    data.body = (data.body or "").strip()
    check_text(errors, "body", data.body, 3000)
    check_language(errors, data.language)
    if data.kind not in QUESTION_KINDS:
        errors["kind"] = _("Choose a question or a comment.")
    if data.update_id is not None:
        update = db.session.get(ProjectUpdate, data.update_id)
        if (
            update is None
            or update.project_id != project_id
            or update.publish_at > utcnow()
        ):
            errors["update_id"] = _("This update cannot be commented on.")
    if errors:
        raise Invalid(errors)
    question = ProjectQuestion(
        project_id=project_id,
        update_id=data.update_id,
        kind=data.kind,
        body=data.body,
        language=data.language,
        author_id=author.id,
        show_name=bool(data.show_name),
    )
    db.session.add(question)
    db.session.commit()
    return question


def get_question(question_id: int) -> ProjectQuestion:
    question = db.session.get(ProjectQuestion, question_id)
    if question is None:
        raise NotFound("question")
    return question


def answer_question(
    actor: Any, question_id: int, body: str, language: str
) -> ProjectAnswer:
    """Answer in public (or revise the answer); the asker is told."""
    question = get_question(question_id)
    require(actor, "answer_project_questions", question.project)
    errors: dict[str, str] = {}
    body = (body or "").strip()
    check_text(errors, "body", body, 5000)
    check_language(errors, language)
    if question.hidden_reason is not None:
        errors["body"] = _("A hidden question cannot be answered.")
    if errors:
        raise Invalid(errors)
    answer = question.answer
    before = {"body": answer.body} if answer else None
    if answer is None:
        answer = ProjectAnswer(question=question, body=body, language=language)
        answer.author_id = actor.id
        db.session.add(answer)
        notify_asker(question, actor.id)
    else:
        answer.body, answer.language, answer.edited_at = body, language, utcnow()
    db.session.flush()
    record_action(
        actor,
        "project_question.answer",
        "project_question",
        question.id,
        before,
        {"body": body, "language": language},
    )
    question.project.updated_at = utcnow()
    db.session.commit()
    return answer


def hide_question(actor: Any, question_id: int, reason: str) -> ProjectQuestion:
    """Hide an abusive question or comment, with a public reason."""
    question = get_question(question_id)
    require(actor, "answer_project_questions", question.project)
    reason = (reason or "").strip()
    errors: dict[str, str] = {}
    check_text(errors, "reason", reason, 500)
    if errors:
        raise Invalid(errors)
    question.hidden_reason = reason
    record_action(
        actor,
        "project_question.hide",
        "project_question",
        question.id,
        None,
        {"reason": reason},
    )
    db.session.commit()
    return question


def questions_on(project_id: int, update_ids: list[int] | None = None):
    """The questions of a project (update_ids None: those on the project itself), with
    their answers, oldest first (one query for the questions, one for the answers)."""
    query = (
        select(ProjectQuestion)
        .where(ProjectQuestion.project_id == project_id)
        .options(selectinload(ProjectQuestion.answer))
        .order_by(ProjectQuestion.created_at, ProjectQuestion.id)
    )
    if update_ids is None:
        query = query.where(ProjectQuestion.update_id.is_(None))
    else:
        query = query.where(ProjectQuestion.update_id.in_(update_ids))
    return list(db.session.scalars(query))


def by_update(questions: list[ProjectQuestion]) -> dict[int, list[ProjectQuestion]]:
    grouped: dict[int, list[ProjectQuestion]] = {}
    for question in questions:
        grouped.setdefault(question.update_id, []).append(question)
    return grouped


def is_waiting(question: ProjectQuestion) -> bool:
    """A visible question the city has not answered yet."""
    return (
        question.kind == "question"
        and question.answer is None
        and question.hidden_reason is None
    )


def age_in_days(question: ProjectQuestion, now: datetime | None = None) -> int:
    return ((now or utcnow()) - question.created_at).days


def shown_authors(questions: list[ProjectQuestion]) -> dict[int, str]:
    """Names of the askers who chose to show them (one query)."""
    ids = {q.author_id for q in questions if q.show_name and q.author_id}
    if not ids:
        return {}
    names = dict(
        db.session.execute(
            select(User.id, User.display_name).where(User.id.in_(ids))
        ).all()
    )
    return {q.id: names[q.author_id] for q in questions if q.author_id in names}
