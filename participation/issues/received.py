"""The email telling a reporter their report arrived: its reference (the id shown on
the site and in Open311), the department that handles it, a link to follow it.

A notification about their own report, not account mail: the reporter follows the
report, and one click stops following it (the "report" unsubscribe kind)."""

from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _

from participation.core.mail import queue_email
from participation.issues.models import Report
from participation.notify.unsubscribe import unsubscribe_url
from participation.urls import external_url


def tell_reporter(report: Report, user: Any) -> None:
    """The email on a report's arrival: its reference, the department that handles
    it, a link to follow it. A notification about their own report (they can stop
    following it in one click); the caller commits."""
    locale = user.locale or report.language or "en"
    stop = unsubscribe_url(user.id, "report", str(report.id))
    with force_locale(locale):
        department = _department_name(report)
        subject = _("Your report %(ref)s has been received", ref=report.id)
        body = _(
            "Thank you: your report “%(title)s” has been received.\n\n"
            "Reference: %(ref)s\nHandled by: %(department)s\n"
            "Follow it: %(url)s\n\n"
            "Stop following it in one click: %(stop)s",
            title=report.title,
            ref=report.id,
            department=department,
            url=external_url("issues.report", report_id=report.id),
            stop=stop,
        )
    queue_email(
        user.email,
        subject,
        body,
        kind="report",
        locale=locale,
        unsubscribe_url=stop,
        user=user,
    )


def _department_name(report: Report) -> str:
    category = report.category
    if category is None or category.department is None:
        return ""
    return category.department.name
