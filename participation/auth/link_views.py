"""The pages of the links the platform emails about an account: confirming an
address (and asking for a new link), a forgotten password, a change of address.

Each link's page shows a button (a POST acts), so a mail scanner opening links acts
on nothing; a link that is not valid (any more) says why.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from participation.auth import addresses
from participation.auth.blueprint import bp
from participation.auth.forms import ConfirmForm, EmailForm, NewPasswordForm
from participation.auth.sessions import start_session
from participation.errors import Invalid
from participation.formtools import apply_errors
from participation.limits import account_mail_limit
from participation.urls import safe_next


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str):
    form = ConfirmForm()
    try:
        user = addresses.read_confirmation(token)
    except Invalid as error:
        return _link_refused(error, "auth/confirm.html", email_form=EmailForm())
    if request.method == "POST":
        if not form.validate_on_submit():
            return render_template("auth/confirm.html", form=form, user=user), 400
        try:
            addresses.confirm(token)
        except Invalid as error:
            return _link_refused(error, "auth/confirm.html", email_form=EmailForm())
        flash(_("Thank you: your address is confirmed."), "success")
        return redirect(url_for("projects.home"))
    return render_template("auth/confirm.html", form=form, user=user)


def _link_refused(error: Invalid, template: str, **values):
    """A link that is not valid (any more): the page says why (a POST of it: 400)."""
    status = 400 if request.method == "POST" else 200
    return render_template(template, error=error.errors["token"], **values), status


@bp.post("/confirm/again")
@account_mail_limit(None)
@login_required
def resend_confirmation():
    """A new confirmation link for the signed-in, unconfirmed account."""
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("auth.account"))
    addresses.resend_confirmation(current_user.email)
    flash(_("We sent a new link to %(email)s.", email=current_user.email), "success")
    return redirect(safe_next(request.form.get("next"), "auth.account"))


@bp.post("/confirm/new-link")
@account_mail_limit("email")
def new_confirmation_link():
    """A new confirmation link by address, from a link that expired: the same
    answer whether or not it names an unconfirmed account."""
    form = EmailForm()
    if not form.validate_on_submit():
        return render_template("auth/confirm.html", error=None, email_form=form), 400
    addresses.resend_confirmation(form.email.data)
    return redirect(url_for("auth.check_inbox"), code=303)


@bp.route("/password/forgot", methods=["GET", "POST"])
@account_mail_limit("email")
def forgot_password():
    form = EmailForm()
    if form.validate_on_submit():
        try:
            addresses.ask_reset(form.email.data)
        except Invalid as error:
            apply_errors(form, error)
        else:
            # The same page whether or not the address has an account.
            return redirect(url_for("auth.reset_sent"), code=303)
    return render_template("auth/forgot.html", form=form)


@bp.get("/password/sent")
def reset_sent():
    return render_template("auth/reset_sent.html")


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    try:
        user = addresses.read_reset(token)
    except Invalid as error:
        return _link_refused(error, "auth/reset.html", form=None)
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            user = addresses.reset_password(token, form.new_password.data)
        except Invalid as error:
            if "token" in error.errors:
                return _link_refused(error, "auth/reset.html", form=None)
            apply_errors(form, error)
        else:
            start_session(user)
            flash(
                _("Your new password is set; you are signed out everywhere else."),
                "success",
            )
            return redirect(url_for("auth.account"))
        return render_template("auth/reset.html", form=form, user=user), 400
    return render_template("auth/reset.html", form=form, user=user)


@bp.route("/account/email/<token>", methods=["GET", "POST"])
def confirm_email_change(token: str):
    form = ConfirmForm()
    try:
        user, new = addresses.read_email_change(token)
    except Invalid as error:
        return _link_refused(error, "auth/email_change.html")
    if request.method == "POST" and form.validate_on_submit():
        try:
            addresses.change_email(token)
        except Invalid as error:
            return _link_refused(error, "auth/email_change.html")
        flash(_("Your email address is now %(email)s.", email=new), "success")
        return redirect(url_for("projects.home"))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "auth/email_change.html", form=form, user=user, new=new
    ), status
