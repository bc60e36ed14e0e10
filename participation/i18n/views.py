"""The language switcher."""

from flask import Blueprint, current_app, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from participation.auth.decorators import permission_required
from participation.auth.services import set_preferred_locale
from participation.errors import Invalid
from participation.formtools import REQUIRED, apply_errors
from participation.i18n.services import get_translation, publish_reviewed_translation
from participation.languages import supported_locales
from participation.urls import safe_next

bp = Blueprint("i18n", __name__)

ONE_YEAR = 60 * 60 * 24 * 365


@bp.post("/language")
def switch_language():
    """Remember the chosen interface language (cookie, and the account if signed in)."""
    locale = request.form.get("locale", "")
    response = redirect(safe_next(request.form.get("next")))
    if locale not in supported_locales():
        return response
    if current_user.is_authenticated:
        set_preferred_locale(current_user, locale)
    response.set_cookie(
        current_app.config["LOCALE_COOKIE"],
        locale,
        max_age=ONE_YEAR,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure,
    )
    return response


class ReviewForm(FlaskForm):
    text = TextAreaField(
        _l("Reviewed translation"),
        description=_l("Replaces the machine translation and is marked as reviewed."),
        validators=[DataRequired(REQUIRED), Length(max=50_000)],
    )


@bp.route("/translations/<int:translation_id>/review", methods=["GET", "POST"])
@permission_required("review_translation")
def review(translation_id: int):
    """Planners correct a machine translation; readers then see it marked as reviewed."""
    row = get_translation(translation_id)
    form = ReviewForm()
    if request.method == "GET":
        form.text.data = row.translated or ""
    if form.validate_on_submit():
        try:
            publish_reviewed_translation(current_user, translation_id, form.text.data)
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("The reviewed translation is published."), "success")
            return redirect(safe_next(request.args.get("next")))
    return render_template("i18n/review.html", form=form, row=row)
