"""Telling the reporter that staff hid their report, and why (email and in the app)."""

from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _

from participation.auth.models import User
from participation.core.mail import queue_email
from participation.extensions import db
from participation.markers import N_
from participation.notify.models import Notification
from participation.notify.preferences import NEVER, choice, register_kind
from participation.notify.unsubscribe import unsubscribe_url
from participation.types import utcnow
from participation.urls import external_url

HIDDEN = register_kind("report_hidden", N_("My report hidden by the city")).key


def tell_reporter(report: Any) -> bool:
    """Tell the reporter (if any) why their report was hidden. The caller commits."""
    user = db.session.get(User, report.reporter_id) if report.reporter_id else None
    if user is None or choice(user, HIDDEN) == NEVER:
        return False
    db.session.add(
        Notification(
            user_id=user.id, report_id=report.id, kind=HIDDEN, emailed_at=utcnow()
        )
    )
    link = unsubscribe_url(user.id, "kind", HIDDEN)
    with force_locale(user.locale or "en"):
        queue_email(
            user.email,
            _("Your report “%(title)s” was hidden", title=report.title),
            _(
                "The city hid your report from the public. The reason: %(reason)s\n\n"
                "You can still see it: %(url)s\n\n"
                "Stop these emails in one click: %(stop)s",
                reason=report.hidden_reason,
                url=external_url("issues.report", report_id=report.id),
                stop=link,
            ),
            kind=HIDDEN,
            locale=user.locale or "en",
            unsubscribe_url=link,
            user=user,
        )
    return True
