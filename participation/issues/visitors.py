"""Reports that wait for their author, and the email telling a reporter their report
arrived.

A visitor reports with an email address: the report waits (Report.waiting_since) and a
"publish" link is mailed (auth/by_email.py); following it publishes the report into
the account of that address. A report by an account whose address is not confirmed
waits too, and is published when the address is (auth/confirmation.on_confirm).
Reports that waited longer than UNCONFIRMED_REPORT_DAYS are deleted with their photos.
"""

import logging
from datetime import timedelta
from typing import Any

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import delete, select

from participation.auth.by_email import on_publish, publish_link, visitor_details
from participation.auth.confirmation import on_confirm
from participation.core.mail import queue_email
from participation.core.photos import delete_photo
from participation.events import log_event
from participation.extensions import db
from participation.issues import cells
from participation.issues.models import Follow, Report, StatusChange
from participation.issues.received import tell_reporter
from participation.issues.services import ReportData, submit_report
from participation.ladder.freshness import mark_stale
from participation.types import utcnow
from participation.urls import external_url

log = logging.getLogger(__name__)


def submit_as_visitor(
    data: ReportData, email: str, name: str = "", locale: str = "en"
) -> Report:
    """A visitor's report: it waits, and the confirmation link goes to `email`."""
    email, name = visitor_details(email, name)
    show_name = bool(data.show_name)
    report = submit_report(None, data, waiting=True)
    link = publish_link(
        "report", email, id=report.id, name=name, show=show_name, locale=locale
    )
    with force_locale(locale):
        subject = _("Confirm your report “%(title)s”", title=report.title)
        body = _(
            "Thank you for your report “%(title)s”.\n\n"
            "To publish it, confirm your email address by following this link:\n"
            "%(url)s\n\n"
            "An account is made for this address if there is none yet (no password "
            "needed). If you did not send this report, ignore this email: it is "
            "deleted after %(days)d days.",
            title=report.title,
            url=link,
            days=current_app.config["UNCONFIRMED_REPORT_DAYS"],
        )
    queue_email(email, subject, body, kind="publish", locale=locale)
    db.session.commit()
    log_event(log, "report.waiting", report_id=report.id)
    return report


def publish_report(report: Report, user: Any, show_name: bool | None = None) -> None:
    """Publish a waiting report as `user`'s, and tell them it arrived (no commit)."""
    if report.waiting_since is None:
        return
    report.reporter_id = user.id
    if show_name is not None:
        report.show_name = show_name
    report.waiting_since = None
    report.updated_at = utcnow()
    followed = db.session.scalar(
        select(Follow.id).where(
            Follow.report_id == report.id, Follow.user_id == user.id
        )
    )
    if followed is None:
        db.session.add(Follow(report_id=report.id, user_id=user.id))
    db.session.flush()
    cells.adjust(report, +1)
    if report.engagement_id is not None:
        mark_stale(facts=[report.engagement_id], people=[report.engagement_id])
    tell_reporter(report, user)


@on_publish("report")
def _publish_visitor_report(user: Any, data: dict[str, Any]) -> str:
    report = db.session.get(Report, data.get("id"))
    if report is not None and report.waiting_since is not None:
        publish_report(report, user, show_name=bool(data.get("show")))
    elif report is None:
        return external_url("issues.my_reports")
    return external_url("issues.report", report_id=report.id)


@on_confirm
def _publish_waiting_reports(user: Any) -> int:
    """An account's address is confirmed: its waiting reports are published."""
    waiting = db.session.scalars(
        select(Report).where(
            Report.reporter_id == user.id, Report.waiting_since.is_not(None)
        )
    ).all()
    for report in waiting:
        publish_report(report, user)
    return len(waiting)


def delete_unconfirmed(days: int | None = None) -> int:
    """Delete the reports that waited longer than `days` (UNCONFIRMED_REPORT_DAYS),
    with their photos; how many. Commits."""
    days = current_app.config["UNCONFIRMED_REPORT_DAYS"] if days is None else days
    cutoff = utcnow() - timedelta(days=days)
    old = db.session.scalars(
        select(Report).where(
            Report.waiting_since.is_not(None), Report.waiting_since < cutoff
        )
    ).all()
    ids = [report.id for report in old]
    photos = [report.photo for report in old if report.photo]
    if ids:
        db.session.execute(delete(StatusChange).where(StatusChange.report_id.in_(ids)))
        db.session.execute(delete(Follow).where(Follow.report_id.in_(ids)))
        db.session.execute(delete(Report).where(Report.id.in_(ids)))
    db.session.commit()
    for photo in photos:
        delete_photo(photo)
    log_event(log, "reports.unconfirmed_deleted", count=len(ids))
    return len(ids)
