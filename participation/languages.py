"""The languages this installation offers (LOCALES) and the request's language: what
every package needs of languages, below them all (which language a request is served
in is chosen by i18n/locale.py)."""

from babel import Locale
from flask import current_app
from wtforms import SelectChoice


def supported_locales() -> list[str]:
    return current_app.config["LOCALES"]


def is_supported(code: str | None) -> bool:
    """Whether `code` is one of the languages this installation offers (LOCALES)."""
    return code in current_app.config["LOCALES"]


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
