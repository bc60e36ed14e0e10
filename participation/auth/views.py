"""Sign up, sign in, sign out and the account page."""

from flask import (
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from participation.auth import addresses, services
from participation.auth.account_data import delete_account, export_account
from participation.auth.blueprint import bp
from participation.auth.forms import (
    AgeGroupForm,
    ConfirmForm,
    DeleteAccountForm,
    DistrictForm,
    EmailChangeForm,
    LanguageForm,
    PasswordForm,
    SignInForm,
    SignOutEverywhereForm,
    SignUpForm,
)
from participation.auth.sessions import end_this_sign_in, list_sign_ins
from participation.auth.sessions import start_session as _start_session
from participation.core.mail import forget_bounce, is_bounced
from participation.core.services import list_districts
from participation.errors import Invalid
from participation.extensions import limiter
from participation.formtools import apply_errors
from participation.limits import account_mail_limit
from participation.params import stored_id
from participation.urls import safe_next


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _end_session() -> None:
    logout_user()
    session.clear()


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@account_mail_limit("email")
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("projects.home"))
    form = SignUpForm()
    if form.validate_on_submit():
        try:
            user = addresses.sign_up(
                form.email.data,
                form.password.data,
                display_name=form.display_name.data or "",
                locale=form.locale.data or None,
            )
        except Invalid as error:
            apply_errors(form, error)
        else:
            # The same answer whether the address was new or taken: a redirect to
            # the same "check your inbox" page, no message. A new account is signed
            # in (unconfirmed); a taken address's owner got an email instead.
            if user is not None:
                _start_session(user)
            return redirect(url_for("auth.check_inbox"), code=303)
    return render_template("auth/signup.html", form=form)


@bp.get("/signup/check-inbox")
def check_inbox():
    return render_template("auth/check_inbox.html")


@bp.route("/signin", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def signin():
    if current_user.is_authenticated:
        return redirect(url_for("projects.home"))
    form = SignInForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            form.form_errors.append(_("The email address or password is not correct."))
        else:
            _start_session(user, remember=form.remember.data)
            flash(_("You are signed in."), "success")
            return redirect(safe_next(request.args.get("next")))
    return render_template("auth/signin.html", form=form)


@bp.post("/signout")
def signout():
    if current_user.is_authenticated:
        end_this_sign_in(current_user)
    _end_session()
    flash(_("You are signed out."), "success")
    return redirect(url_for("projects.home"))


@bp.post("/account/sign-out-everywhere")
@login_required
def sign_out_everywhere():
    form = SignOutEverywhereForm(prefix="everywhere")
    if not form.validate_on_submit():
        return _account_page(), 400
    services.sign_out_everywhere(current_user)
    _end_session()
    flash(_("You are signed out on every device."), "success")
    return redirect(url_for("projects.home"))


def _account_page(
    password_form=None,
    language_form=None,
    delete_form=None,
    district_form=None,
    age_form=None,
    email_form=None,
):
    if age_form is None:
        age_form = AgeGroupForm(prefix="age")
        age_form.age_group.data = current_user.age_group or ""
        age_form.consent.data = current_user.age_group is not None
    if language_form is None:
        language_form = LanguageForm(prefix="language")
        language_form.locale.data = current_user.locale or ""
    if district_form is None:
        district_form = DistrictForm(list_districts(), prefix="district")
        district_form.district_id.data = str(current_user.district_id or "")
    return render_template(
        "auth/account.html",
        password_form=password_form or PasswordForm(prefix="password"),
        language_form=language_form,
        district_form=district_form,
        age_form=age_form,
        delete_form=delete_form or DeleteAccountForm(prefix="delete"),
        everywhere_form=SignOutEverywhereForm(prefix="everywhere"),
        email_form=email_form or EmailChangeForm(prefix="email"),
        button_form=ConfirmForm(prefix="button"),
        bounce=is_bounced(current_user.email),
        sign_ins=list_sign_ins(current_user),
    )


@bp.get("/account")
@login_required
def account():
    return _account_page()


@bp.post("/account/password")
@login_required
def change_password():
    form = PasswordForm(prefix="password")
    if form.validate_on_submit():
        try:
            services.change_password(
                current_user, form.current_password.data, form.new_password.data
            )
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("auth.account"))
    return _account_page(password_form=form), 400


@bp.post("/account/language")
@login_required
def change_language():
    form = LanguageForm(prefix="language")
    if form.validate_on_submit():
        try:
            services.set_preferred_locale(current_user, form.locale.data or None)
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("Your language preference has been saved."), "success")
            return redirect(url_for("auth.account"))
    return _account_page(language_form=form), 400


@bp.post("/account/district")
@login_required
def change_district():
    form = DistrictForm(list_districts(), prefix="district")
    if form.validate_on_submit():
        chosen = form.district_id.data
        try:
            services.set_home_district(
                current_user, stored_id(chosen) if chosen else None
            )
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("Your district has been saved."), "success")
            return redirect(url_for("auth.account"))
    return _account_page(district_form=form), 400


@bp.post("/account/age")
@login_required
def describe_age():
    form = AgeGroupForm(prefix="age")
    if form.validate_on_submit():
        try:
            services.describe_age(
                current_user, form.age_group.data or None, form.consent.data
            )
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(
                _("Your age group has been saved.")
                if current_user.age_group
                else _("No age group is kept for you."),
                "success",
            )
            return redirect(url_for("auth.account"))
    return _account_page(age_form=form), 400


@bp.get("/account/export")
@login_required
def export():
    response = jsonify(export_account(current_user))
    response.headers["Content-Disposition"] = "attachment; filename=my-account.json"
    return response


@bp.post("/account/delete")
@login_required
def delete():
    form = DeleteAccountForm(prefix="delete")
    if form.validate_on_submit():
        try:
            delete_account(current_user, form.password.data)
        except Invalid as error:
            apply_errors(form, error)
        else:
            _end_session()
            flash(_("Your account has been deleted."), "success")
            return redirect(url_for("projects.home"))
    return _account_page(delete_form=form), 400


@bp.post("/account/email")
@account_mail_limit("email-email")
@login_required
def change_email():
    form = EmailChangeForm(prefix="email")
    if form.validate_on_submit():
        try:
            addresses.ask_email_change(
                current_user, form.password.data or "", form.email.data
            )
        except Invalid as error:
            apply_errors(form, error)
        else:
            # The same answer whether or not the new address is someone else's.
            flash(
                _(
                    "We sent a link to %(email)s: your address changes when you "
                    "follow it.",
                    email=form.email.data.strip(),
                ),
                "success",
            )
            return redirect(url_for("auth.account"))
    return _account_page(email_form=form), 400


@bp.post("/account/bounce/retry")
@account_mail_limit(None)
@login_required
def retry_address():
    """The person says their address works again: mail to it is tried again."""
    if ConfirmForm(prefix="button").validate_on_submit():
        forget_bounce(current_user.email)
        flash(
            _("We will send to %(email)s again.", email=current_user.email), "success"
        )
    return redirect(url_for("auth.account"))
