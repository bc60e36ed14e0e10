"""The page a "publish" link opens: a button (link prefetchers only GET), then the
account is created or joined, what waited is published, and the person signed in."""

from flask import Blueprint, flash, redirect, render_template
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from participation.auth import by_email
from participation.auth.sessions import start_session
from participation.errors import Invalid

bp = Blueprint("by_email", __name__)


@bp.route("/publish/<token>", methods=["GET", "POST"])
def publish(token: str):
    form = FlaskForm()
    try:
        by_email.check_publish(token)
        if form.validate_on_submit():
            user, where = by_email.publish(token)
            start_session(user)
            flash(
                _("Thank you: your address is confirmed and you are signed in."),
                "success",
            )
            return redirect(where)
    except Invalid as error:
        return render_template("auth/publish.html", error=error.errors["token"]), 400
    return render_template("auth/publish.html", form=form, error=None)
