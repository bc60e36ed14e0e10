"""Telling the followers of a report that its status changed, in each one's language."""

from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from participation.auth.models import User
from participation.extensions import db
from participation.issues.city_workflow import workflow
from participation.issues.models import Follow
from participation.notify.models import Notification, OutboxMessage
from participation.urls import external_url


def notify_report_followers(report: Any, change: Any, actor_id: int | None) -> int:
    """Notify everyone following `report` of `change` (the actor excepted)."""
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
