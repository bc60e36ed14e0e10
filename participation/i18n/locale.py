"""Which language and timezone a request is served in."""

from flask import current_app, has_request_context, request
from flask_login import current_user

from participation.core.services import get_city
from participation.languages import supported_locales


def select_locale() -> str:
    """The account's preference, then the cookie, then Accept-Language, then the city."""
    supported = supported_locales()
    if not has_request_context():  # CLI, workers: the source language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if (
        current_user
        and current_user.is_authenticated
        and current_user.locale in supported
    ):
        return current_user.locale
    chosen = request.cookies.get(current_app.config["LOCALE_COOKIE"])
    if chosen in supported:
        return chosen
    best = request.accept_languages.best_match(supported)
    if best:
        return best
    city_default = get_city().default_locale
    return city_default if city_default in supported else supported[0]


def select_timezone() -> str:
    """Times are shown in the city's timezone."""
    return get_city().timezone
