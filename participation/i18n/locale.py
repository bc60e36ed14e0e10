"""Which language and timezone a request is served in."""

from babel import Locale
from flask import current_app, has_request_context, request
from flask_login import current_user
from wtforms import SelectChoice

from participation.core.services import get_city


def supported_locales() -> list[str]:
    return current_app.config["LOCALES"]


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


def language_name(code: str) -> str:
    """A language's name in that language, e.g. 'Español' for es."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def text_direction(code: str) -> str:
    return "rtl" if code.split("_")[0] in current_app.config["RTL_LOCALES"] else "ltr"


def language_choices() -> list[SelectChoice]:
    """The supported languages (code, name in itself), as select field options."""
    return [SelectChoice(code, language_name(code)) for code in supported_locales()]


def current_language() -> str:
    """The interface language of this request, without region (e.g. 'es')."""
    from flask_babel import get_locale

    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]).split("_")[0]
