"""Alerting a department's staff: new reports in its categories and reopened reports,
by email at once or in a daily summary, and in the app.

Each staff member chooses per kind (notify/preferences.py): "immediately" emails now,
"digest" leaves the in-app notice for `send_summaries` (one email a day per person,
`flask staff-alerts summary`), "never" sends nothing.
"""

from collections import defaultdict
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from participation.auth.models import User
from participation.core.mail import queue_email
from participation.extensions import db
from participation.issues.models import Category, DepartmentStaff
from participation.markers import N_
from participation.notify.models import Notification
from participation.notify.preferences import (
    IMMEDIATELY,
    NEVER,
    choices_for,
    register_kind,
)
from participation.notify.unsubscribe import unsubscribe_url
from participation.types import utcnow
from participation.urls import external_url

NEW = register_kind(
    "staff_new_report",
    N_("New reports in my departments"),
    permission="manage_issues",
).key
REOPENED = register_kind(
    "staff_reopened",
    N_("Reopened reports in my departments"),
    permission="manage_issues",
).key
KINDS = (NEW, REOPENED)


def assign_staff(user_id: int, department_id: int, assigned: bool = True) -> None:
    """Make an account one of a department's staff (or no longer). Caller commits."""
    found = db.session.get(DepartmentStaff, (user_id, department_id))
    if assigned and found is None:
        db.session.add(DepartmentStaff(user_id=user_id, department_id=department_id))
    elif not assigned and found is not None:
        db.session.delete(found)


def staff_of(department_id: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(DepartmentStaff, DepartmentStaff.user_id == User.id)
            .where(DepartmentStaff.department_id == department_id)
            .order_by(User.id)
        )
    )


def _subject(kind: str, report: Any) -> str:
    if kind == NEW:
        return _("New report #%(id)d: %(title)s", id=report.id, title=report.title)
    return _(
        "Reopened by the reporter, #%(id)d: %(title)s", id=report.id, title=report.title
    )


def _line(kind: str, report: Any) -> str:
    url = external_url("issues.report", report_id=report.id)
    return f"- {_subject(kind, report)}\n  {url}"


def alert_staff(report: Any, kind: str, change: Any = None) -> int:
    """Tell the staff of the report's department of it. The caller commits."""
    department_id = db.session.scalar(
        select(Category.department_id).where(Category.id == report.category_id)
    )
    staff = staff_of(department_id)
    chosen = choices_for(staff, kind)
    count = 0
    for user in staff:
        if not user.is_active:
            continue
        wanted = chosen[user.id]
        if wanted == NEVER or (change is not None and change.actor_id == user.id):
            continue
        now = utcnow() if wanted == IMMEDIATELY else None
        db.session.add(
            Notification(
                user_id=user.id,
                report_id=report.id,
                change=change,
                kind=kind,
                emailed_at=now,
            )
        )
        count += 1
        if now is None:
            continue
        link = unsubscribe_url(user.id, "kind", kind)
        with force_locale(user.locale or "en"):
            note = change.note if change is not None else report.description
            queue_email(
                user.email,
                _subject(kind, report),
                "\n\n".join(
                    [
                        _line(kind, report),
                        note,
                        _("Stop these emails in one click: %(url)s", url=link),
                    ]
                ),
                kind=kind,
                locale=user.locale or "en",
                unsubscribe_url=link,
                user=user,
            )
    return count


def send_summaries() -> int:
    """Queue one email per staff member with what waited for their daily summary;
    returns how many were queued."""
    waiting = db.session.scalars(
        select(Notification)
        .where(Notification.kind.in_(KINDS), Notification.emailed_at.is_(None))
        .order_by(Notification.user_id, Notification.created_at, Notification.id)
    ).all()
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for note in waiting:
        by_user[note.user_id].append(note)
    queued, now = 0, utcnow()
    for user_id, notes in by_user.items():
        for note in notes:
            note.emailed_at = now
        user = db.session.get(User, user_id)
        if user is None or not user.is_active:
            continue
        link = unsubscribe_url(user.id, "kind", notes[0].kind or NEW)
        with force_locale(user.locale or "en"):
            lines = [_line(n.kind or NEW, n.report) for n in notes]
            queued += bool(
                queue_email(
                    user.email,
                    _("Your daily summary: %(count)d reports", count=len(lines)),
                    "\n\n".join(
                        [
                            "\n".join(lines),
                            _(
                                "Choose how you hear of them: %(url)s",
                                url=external_url("notify.notifications"),
                            ),
                            _("Stop these emails in one click: %(url)s", url=link),
                        ]
                    ),
                    kind="staff_summary",
                    locale=user.locale or "en",
                    unsubscribe_url=link,
                    user=user,
                )
            )
    db.session.commit()
    return queued
