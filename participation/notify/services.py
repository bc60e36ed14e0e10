"""Telling followers: in-app notifications and emails, in each reader's language."""

from dataclasses import dataclass
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from participation.auth.models import User
from participation.errors import NotFound
from participation.extensions import db
from participation.notify.models import Notification, OutboxMessage
from participation.types import utcnow
from participation.urls import external_url


def notify_report_followers(report: Any, change: Any, actor_id: int | None) -> int:
    """Notify everyone following `report` of `change` (the actor excepted)."""
    from participation.issues.models import Follow
    from participation.issues.services import workflow

    followers = db.session.scalars(
        select(User)
        .join(Follow, Follow.user_id == User.id)
        .where(Follow.report_id == report.id)
    ).all()
    count = 0
    for user in followers:
        if user.id == actor_id:
            continue
        db.session.add(
            Notification(user_id=user.id, report_id=report.id, change=change)
        )
        with force_locale(user.locale or "en"):
            status = _(workflow()[change.to_status].name)
            db.session.add(
                OutboxMessage(
                    to=user.email,
                    subject=_(
                        "Update on “%(title)s”: %(status)s",
                        title=report.title,
                        status=status,
                    ),
                    body=_(
                        "The report you follow has a new status: %(status)s.\n\n"
                        "%(note)s\n\nSee it: %(url)s\n\nStop following it on that page.",
                        status=status,
                        note=change.note,
                        url=_report_url(report.id),
                    ),
                )
            )
        count += 1
    return count


def _report_url(report_id: int) -> str:
    return external_url("issues.report", report_id=report_id)


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return db.session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
    )


def list_notifications(user: Any, limit: int = 100) -> list[Notification]:
    """The person's notifications, newest first."""
    return list(
        db.session.scalars(
            select(Notification)
            .where(Notification.user_id == user.id)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(limit)
        )
    )


def shown_objects(items: list[Notification]) -> list[Any]:
    """The objects whose texts a list of notifications shows."""
    objects: list[Any] = []
    for note in items:
        if note.report:
            objects += [note.report, note.change]
        for thing in (note.update, note.decision):
            if thing is not None:
                objects += [thing, thing.project]
        if note.question is not None:
            objects += [note.question, note.question.project]
    return objects


@dataclass
class Followed:
    """What a person follows, with the followed things loaded."""

    subscriptions: list[Any]
    projects: dict[int, Any]
    districts: dict[int, Any]


def followed_things(user: Any) -> Followed:
    from participation.core.models import District, Project
    from participation.projects.follows import subscriptions_of

    subscriptions = subscriptions_of(user)

    def load(model, target):
        ids = [int(s.key) for s in subscriptions if s.target == target]
        rows = db.session.scalars(select(model).where(model.id.in_(ids))) if ids else []
        return {row.id: row for row in rows}

    return Followed(subscriptions, load(Project, "project"), load(District, "district"))


def mark_all_read(user: Any) -> None:
    db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    db.session.commit()


def get_notification(user: Any, notification_id: int) -> Notification:
    note = db.session.get(Notification, notification_id)
    if note is None or note.user_id != user.id:
        raise NotFound("notification")
    return note
