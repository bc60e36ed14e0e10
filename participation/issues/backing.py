"""Residents backing reports: "me too" (once each) and following updates."""

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from participation.core.support import count_once
from participation.errors import Invalid, NotAllowed
from participation.extensions import db, one_at_a_time
from participation.issues.city_workflow import workflow
from participation.issues.models import Follow, Report, Support
from participation.issues.services import get_report


def support_report(user: Any, report_id: int) -> Report:
    """Add the resident's "me too" (once per resident; not on their own report)."""
    if not getattr(user, "is_authenticated", False):
        raise NotAllowed("support_report")
    report = get_report(report_id, user)
    if report.reporter_id == user.id:
        raise Invalid({"support": _("You reported this problem yourself.")})
    if not workflow()[report.status].is_open:
        raise Invalid({"support": _("This report is closed.")})
    return count_once(
        Support(report_id=report.id, user_id=user.id),
        report,
        "support",
        _("You already support this report."),
    )


def set_following(user: Any, report_id: int, follow: bool) -> None:
    """Follow or stop following a report's updates."""
    if not getattr(user, "is_authenticated", False):
        raise NotAllowed("follow_report")
    report = get_report(report_id, user)
    one_at_a_time("follow", report.id, user.id)
    existing = db.session.scalars(
        select(Follow).where(Follow.report_id == report.id, Follow.user_id == user.id)
    ).first()
    if follow and existing is None:
        db.session.add(Follow(report_id=report.id, user_id=user.id))
    elif not follow and existing is not None:
        db.session.delete(existing)
    db.session.commit()


def can_support(user: Any, report: Report) -> bool:
    """Whether the "me too" button makes sense: signed in, open, not one's own, not yet."""
    return (
        getattr(user, "is_authenticated", False)
        and workflow()[report.status].is_open
        and report.reporter_id != user.id
        and not has_supported(user, report)
    )


def _has_row(model, user: Any, report: Report) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    row = select(model.id).where(model.report_id == report.id, model.user_id == user.id)
    return db.session.scalars(row).first() is not None


def is_following(user: Any, report: Report) -> bool:
    """Whether the person follows the report."""
    return _has_row(Follow, user, report)


def has_supported(user: Any, report: Report) -> bool:
    """Whether the person said "me too"."""
    return _has_row(Support, user, report)
