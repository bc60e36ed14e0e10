"""A person's notifications."""

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from participation.i18n.content import prefetch, texts_of
from participation.notify import services

bp = Blueprint("notify", __name__)


@bp.get("/notifications")
@login_required
def notifications():
    items = services.list_notifications(current_user)
    prefetch(
        texts_of(
            *[n.report for n in items if n.report],
            *[n.change for n in items if n.change],
        )
    )
    return render_template("notify/list.html", items=items)


@bp.post("/notifications/read")
@login_required
def mark_read():
    services.mark_all_read(current_user)
    return redirect(url_for("notify.notifications"))
