"""Following a project, a district or a theme: in-app notifications for every update
and decision, an optional daily or weekly digest by email, one-click unsubscribe."""

import logging
from datetime import datetime, timedelta
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import and_, delete, or_, select

from participation.auth.models import User
from participation.core.mail import queue_email
from participation.core.models import THEMES, District, Project
from participation.errors import Invalid, NotFound
from participation.events import job_run
from participation.extensions import db, one_at_a_time
from participation.notify.models import Notification
from participation.notify.unsubscribe import register_unsubscribe, unsubscribe_url
from participation.params import stored_id
from participation.projects.models import (
    DIGEST_FREQUENCIES,
    DigestPreference,
    Subscription,
)
from participation.types import utcnow
from participation.urls import external_url

log = logging.getLogger(__name__)

DIGEST_PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}


def _check_target(target: str, key: str) -> str:
    key = str(key)
    number = stored_id(key)
    exists = {
        "project": lambda: number and db.session.get(Project, number),
        "district": lambda: number and db.session.get(District, number),
        "theme": lambda: key in THEMES,
    }.get(target)
    if exists is None or not exists():
        raise NotFound(target)
    return key


def follow(user: Any, target: str, key: Any) -> Subscription:
    """Follow a project, district or theme (following twice changes nothing)."""
    key = _check_target(target, key)
    one_at_a_time("follow", target, key, user.id)
    found = _subscription(user.id, target, key)
    if found:
        return found
    subscription = Subscription(user_id=user.id, target=target, key=key)
    db.session.add(subscription)
    db.session.commit()
    return subscription


def unfollow(user: Any, target: str, key: Any) -> None:
    """Stop following (a project, district or theme that exists: NotFound otherwise)."""
    key = _check_target(target, key)
    db.session.execute(
        delete(Subscription).where(
            Subscription.user_id == user.id,
            Subscription.target == target,
            Subscription.key == str(key),
        )
    )
    db.session.commit()


def _subscription(user_id: int, target: str, key: str) -> Subscription | None:
    return db.session.scalar(
        select(Subscription).where(
            Subscription.user_id == user_id,
            Subscription.target == target,
            Subscription.key == key,
        )
    )


def is_following(user: Any, target: str, key: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return _subscription(user.id, target, str(key)) is not None


def subscriptions_of(user: Any) -> list[Subscription]:
    return list(
        db.session.scalars(
            select(Subscription)
            .where(Subscription.user_id == user.id)
            .order_by(Subscription.created_at)
        )
    )


def follower_ids(project: Project) -> set[int]:
    """Who follows the project, its district or its theme (one query)."""
    wanted = [
        and_(Subscription.target == "project", Subscription.key == str(project.id)),
        and_(Subscription.target == "theme", Subscription.key == project.theme),
    ]
    if project.district_id is not None:
        wanted.append(
            and_(
                Subscription.target == "district",
                Subscription.key == str(project.district_id),
            )
        )
    return set(
        db.session.scalars(select(Subscription.user_id).where(or_(*wanted)).distinct())
    )


def notify_followers(
    project: Project, actor_id: int | None, update: Any = None, decision: Any = None
) -> int:
    """An in-app notification for each follower of an update or decision (the author
    excepted); emails go out in the digests. The caller commits."""
    ids = follower_ids(project) - {actor_id}
    db.session.add_all(
        Notification(
            user_id=user_id,
            update_id=update.id if update else None,
            decision_id=decision.id if decision else None,
        )
        for user_id in sorted(ids)
    )
    return len(ids)


def notify_asker(question: Any, actor_id: int | None) -> None:
    """Tell the person who asked that the city answered. The caller commits."""
    if question.author_id and question.author_id != actor_id:
        db.session.add(
            Notification(user_id=question.author_id, question_id=question.id)
        )


@register_unsubscribe("digest")
def _stop_digest(user_id: int, key: str) -> str | None:
    preference = db.session.get(DigestPreference, user_id)
    if preference:
        preference.frequency = "off"
    db.session.commit()
    return _(
        "Done: you will get no more digest emails. You can choose again in your "
        "notifications."
    )


@register_unsubscribe("follow")
def _stop_follow(user_id: int, key: str) -> str | None:
    number = stored_id(key)
    if number is None:
        return None
    db.session.execute(
        delete(Subscription).where(
            Subscription.id == number, Subscription.user_id == user_id
        )
    )
    db.session.commit()
    return _("Done: you no longer follow it.")


def digest_frequency(user: Any) -> str:
    preference = db.session.get(DigestPreference, user.id)
    return preference.frequency if preference else "off"


def set_digest(user: Any, frequency: str) -> None:
    """Choose no email, a daily or a weekly digest of what one follows."""
    if frequency not in DIGEST_FREQUENCIES:
        raise Invalid({"frequency": _("Choose how often from the list.")})
    one_at_a_time("digest", user.id)
    preference = db.session.get(DigestPreference, user.id, populate_existing=True)
    if preference is None:
        preference = DigestPreference(user_id=user.id, last_sent_at=utcnow())
        db.session.add(preference)
    preference.frequency = frequency
    db.session.commit()


def _digest_lines(notes: list[Notification]) -> list[str]:
    lines = []
    for note in notes:
        if note.update is not None:
            item, project = note.update, note.update.project
            label = _("Update")
            url = external_url("projects.update_page", update_id=item.id)
        elif note.decision is not None:
            item, project = note.decision, note.decision.project
            label = _("Decision")
            url = external_url("projects.project_page", project_id=project.id)
        elif note.report is not None:
            url = external_url("issues.report", report_id=note.report.id)
            lines.append(f"- {_('Report')} · {note.report.title}\n  {url}")
            continue
        elif note.question is not None:
            project = note.question.project
            answered = _("Your question was answered")
            url = external_url("projects.question_page", question_id=note.question.id)
            lines.append(f"- {answered} · {project.title}\n  {url}")
            continue
        else:
            continue
        lines.append(f"- {label} · {project.title}: {item.title}\n  {url}")
    return lines


def send_digests(frequency: str, now: datetime | None = None) -> int:
    """Queue one digest email per person due one, listing what is new since their last
    digest (nothing new: no email); returns how many were queued."""
    with job_run(log, "digests.send", frequency=frequency) as run:
        run["queued"] = _queue_digests(frequency, now)
    return run["queued"]


def _queue_digests(frequency: str, now: datetime | None) -> int:
    now = now or utcnow()
    period = DIGEST_PERIODS[frequency]
    due = db.session.execute(
        select(DigestPreference, User)
        .join(User, User.id == DigestPreference.user_id)
        .where(
            DigestPreference.frequency == frequency,
            or_(
                DigestPreference.last_sent_at.is_(None),
                DigestPreference.last_sent_at <= now - period + timedelta(minutes=5),
            ),
        )
    ).all()
    queued = 0
    for preference, user in due:
        since = preference.last_sent_at or now - period
        notes = list(
            db.session.scalars(
                select(Notification)
                .where(
                    Notification.user_id == user.id,
                    Notification.created_at > since,
                    Notification.created_at <= now,
                    # A report's update comes when its follower chose the digest
                    # for them (no email went at once).
                    or_(
                        Notification.report_id.is_(None),
                        and_(
                            Notification.kind.is_(None),
                            Notification.emailed_at.is_(None),
                        ),
                    ),
                )
                .order_by(Notification.created_at)
            )
        )
        preference.last_sent_at = now
        for note in notes:
            note.emailed_at = note.emailed_at or now
        if not notes or not user.is_active:
            continue
        link = unsubscribe_url(user.id, "digest")
        with force_locale(user.locale or "en"):
            lines = _digest_lines(notes)
            subject = (
                _("Your daily digest: %(count)d new", count=len(lines))
                if frequency == "daily"
                else _("Your weekly digest: %(count)d new", count=len(lines))
            )
            body = "\n\n".join(
                [
                    _("New in what you follow:"),
                    "\n".join(lines),
                    _(
                        "Change what you follow: %(url)s",
                        url=external_url("notify.notifications"),
                    ),
                    _("Stop these emails in one click: %(url)s", url=link),
                ]
            )
            queued += (
                queue_email(
                    user.email,
                    subject,
                    body,
                    kind="digest",
                    locale=user.locale or "en",
                    unsubscribe_url=link,
                    user=user,
                )
                is not None
            )
    db.session.commit()
    return queued
