"""Residents ask or comment on a project or one of its updates; the city answers in
public. Unanswered questions stay visible with their age."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from participation.auth.models import User
from participation.auth.permissions import require
from participation.core.audit import record_action
from participation.core.checks import check_language, check_text
from participation.core.services import get_project
from participation.errors import Invalid, NotAllowed
from participation.extensions import db
from participation.lookup import stored
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
    return stored(ProjectQuestion, question_id, "question")


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


def _with_answers(query):
    return query.options(selectinload(ProjectQuestion.answer))


def question_page(
    project_id: int, update_id: int | None, after_id: int | None = None, size: int = 50
) -> tuple[list[ProjectQuestion], int | None]:
    """A page of the questions on a project itself (update_id None) or on one update,
    oldest first, after the question `after_id`; and the id to continue after."""
    query = _with_answers(
        select(ProjectQuestion)
        .where(
            ProjectQuestion.project_id == project_id,
            ProjectQuestion.update_id.is_(None)
            if update_id is None
            else ProjectQuestion.update_id == update_id,
        )
        .order_by(ProjectQuestion.id)
        .limit(size + 1)
    )
    if after_id is not None:
        query = query.where(ProjectQuestion.id > after_id)
    rows = list(db.session.scalars(query))
    return rows[:size], rows[size - 1].id if len(rows) > size else None


def latest_on_project(project_id: int, limit: int = 10) -> list[ProjectQuestion]:
    """The newest questions on the project itself, shown oldest first."""
    rows = db.session.scalars(
        _with_answers(
            select(ProjectQuestion)
            .where(
                ProjectQuestion.project_id == project_id,
                ProjectQuestion.update_id.is_(None),
            )
            .order_by(ProjectQuestion.id.desc())
            .limit(limit)
        )
    )
    return list(reversed(list(rows)))


def latest_per_update(
    project_id: int, update_ids: list[int], per: int = 3
) -> dict[int, list[ProjectQuestion]]:
    """The newest `per` questions on each of these updates (one query and the answers)."""
    if not update_ids:
        return {}
    rank = (
        func.row_number()
        .over(
            partition_by=ProjectQuestion.update_id,
            order_by=ProjectQuestion.id.desc(),
        )
        .label("rank")
    )
    ranked = (
        select(ProjectQuestion.id, rank)
        .where(
            ProjectQuestion.project_id == project_id,
            ProjectQuestion.update_id.in_(update_ids),
        )
        .subquery()
    )
    rows = db.session.scalars(
        _with_answers(
            select(ProjectQuestion)
            .join(ranked, ranked.c.id == ProjectQuestion.id)
            .where(ranked.c.rank <= per)
            .order_by(ProjectQuestion.id)
        )
    )
    return by_update(list(rows))


def counts(project_id: int, update_ids: list[int]) -> dict[int | None, int]:
    """How many questions each update has, and (key None) the project itself."""
    return dict(
        db.session.execute(
            select(ProjectQuestion.update_id, func.count())
            .where(
                ProjectQuestion.project_id == project_id,
                or_(
                    ProjectQuestion.update_id.is_(None),
                    ProjectQuestion.update_id.in_(update_ids),
                ),
            )
            .group_by(ProjectQuestion.update_id)
        ).all()
    )


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
