"""A person's notifications, and the panels packages add below them."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from participation.auth.decorators import permission_required
from participation.core.audit import record_action
from participation.errors import Invalid
from participation.extensions import csrf, db
from participation.i18n.content import prefetch, texts_of
from participation.notify import outbox as delivery
from participation.notify import services
from participation.notify.forms import RetryForm
from participation.notify.panels import panels
from participation.notify.unsubscribe import unsubscribe as carry_out

bp = Blueprint("notify", __name__)


def notifications_page(status: int = 200, **given):
    """The signed-in person's notifications and panels; `given` goes to the panels
    (a failed form post hands its form back this way)."""
    items = services.list_notifications(current_user)
    prefetch(texts_of(*services.shown_objects(items)))
    return render_template(
        "notify/list.html", items=items, panels=panels(current_user, **given)
    ), status


@bp.get("/notifications")
@login_required
def notifications():
    return notifications_page()


@bp.post("/notifications/read")
@login_required
def mark_read():
    services.mark_all_read(current_user)
    return redirect(url_for("notify.notifications"))


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # the signed token is the proof; mail clients post it (RFC 8058)
def unsubscribe(token: str):
    if request.method == "GET":
        return render_template("notify/unsubscribe.html", token=token, done=None)
    try:
        done = carry_out(token)
    except Invalid as error:
        return render_template(
            "notify/unsubscribe.html",
            token=None,
            done=None,
            error=error.errors["token"],
        ), 400
    return render_template("notify/unsubscribe.html", token=None, done=done)


@bp.get("/admin/outbox")
@permission_required("manage_outbox")
def outbox():
    """The emails given up on, with their errors, for an admin to send again."""
    return render_template(
        "notify/outbox.html",
        failed=delivery.failed_messages(),
        backlog=delivery.backlog(),
        form=RetryForm(),
    )


@bp.post("/admin/outbox/<int:message_id>/retry")
@permission_required("manage_outbox")
def retry(message_id: int):
    if not RetryForm().validate_on_submit():
        flash(_("The form has expired. Please try again."), "error")
    elif delivery.retry(message_id):
        record_action(current_user, "outbox.retry", "outbox_message", message_id)
        db.session.commit()
        flash(_("The email will be sent again."), "success")
    else:
        flash(_("This email is not waiting to be sent again."), "error")
    return redirect(url_for("notify.outbox"))
