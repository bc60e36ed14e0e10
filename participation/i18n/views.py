"""The language switcher."""

from flask import Blueprint, current_app, redirect, request
from flask_login import current_user

from participation.auth.services import set_preferred_locale
from participation.i18n.locale import supported_locales
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
