"""Telling the followers of a report that its status changed, in each one's language."""

from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import delete, select

from participation.auth.models import User
from participation.core.mail import queue_email
from participation.extensions import db
from participation.issues.city_workflow import workflow
from participation.issues.models import Follow
from participation.markers import N_
from participation.notify.models import Notification
from participation.notify.preferences import DIGEST, NEVER, choices_for, register_kind
from participation.notify.unsubscribe import register_unsubscribe, unsubscribe_url
from participation.params import stored_id
from participation.types import utcnow
from participation.urls import external_url

REPORT_UPDATES = register_kind("report_updates", N_("Updates on reports I follow")).key


@register_unsubscribe("report")
def _stop_following(user_id: int, key: str) -> str | None:
    """One click in a report's email: stop following that report."""
    report_id = stored_id(key)
    if report_id is None:
        return None
    db.session.execute(
        delete(Follow).where(Follow.report_id == report_id, Follow.user_id == user_id)
    )
    db.session.commit()
    return _("Done: you no longer follow this report.")


def notify_report_followers(report: Any, change: Any, actor_id: int | None) -> int:
    """Notify everyone following `report` of `change` (the actor excepted)."""
    followers = db.session.scalars(
        select(User)
        .join(Follow, Follow.user_id == User.id)
        .where(Follow.report_id == report.id)
    ).all()
    chosen = choices_for(followers, REPORT_UPDATES)
    count = 0
    for user in followers:
        if user.id == actor_id:
            continue
        wanted = chosen[user.id]
        if wanted == NEVER:
            continue
        # In the digest: the in-app notice waits there for the next digest email.
        db.session.add(
            Notification(
                user_id=user.id,
                report_id=report.id,
                change=change,
                emailed_at=None if wanted == DIGEST else utcnow(),
            )
        )
        count += 1
        if wanted == DIGEST:
            continue
        link = unsubscribe_url(user.id, "report", str(report.id))
        with force_locale(user.locale or "en"):
            status = _(workflow()[change.to_status].name)
            queue_email(
                user.email,
                _(
                    "Update on “%(title)s”: %(status)s",
                    title=report.title,
                    status=status,
                ),
                _(
                    "The report you follow has a new status: %(status)s.\n\n"
                    "%(note)s\n\nSee it: %(url)s\n\n"
                    "Stop following it in one click: %(stop)s",
                    status=status,
                    note=change.note,
                    url=_report_url(report.id),
                    stop=link,
                ),
                kind="report_status",
                locale=user.locale or "en",
                unsubscribe_url=link,
                user=user,
            )
    return count


def _report_url(report_id: int) -> str:
    return external_url("issues.report", report_id=report_id)
