"""A person's notifications, and the panels packages add below them."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from participation.auth.decorators import permission_required
from participation.core.audit import record_action
from participation.errors import Invalid
from participation.extensions import csrf, db
from participation.formtools import apply_errors
from participation.i18n.content import prefetch, texts_of
from participation.notify import outbox as delivery
from participation.notify import preferences, services
from participation.notify.forms import RetryForm, settings_form
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


def _settings_page(form, status: int = 200):
    return render_template(
        "notify/settings.html",
        form=form,
        fields=[form[f"kind_{k.key}"] for k in preferences.kinds_for(current_user)],
    ), status


@bp.route("/notifications/settings", methods=["GET", "POST"])
@login_required
def settings():
    """How the person hears of each kind of event: immediately, in the digest, never."""
    kinds = preferences.kinds_for(current_user)
    form = settings_form(kinds)
    if request.method == "GET":
        for kind, chosen in preferences.choices_of(current_user).items():
            form[f"kind_{kind}"].data = chosen
        return _settings_page(form)
    if form.validate_on_submit():
        try:
            preferences.set_choices(
                current_user,
                {k.key: form[f"kind_{k.key}"].data for k in kinds},
            )
        except Invalid as error:
            apply_errors(form, error, {k.key: f"kind_{k.key}" for k in kinds})
        else:
            flash(_("Saved: how we tell you of each kind of event."), "success")
            return redirect(url_for("notify.settings"))
    return _settings_page(form, 400)
