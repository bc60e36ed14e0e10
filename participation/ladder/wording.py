"""The ladder's sentences in the reader's language: trace lines and the errors of a
facts document (the pure modules give templates and codes)."""

from flask_babel import format_date
from flask_babel import gettext as _

from participation.ladder.rubric import Line
from participation.ladder.rungs import rung


def line_text(line: Line) -> str:
    """A trace line translated, with its rung names translated too."""
    values = dict(line.values)
    if "name" in values and "rung" in values:
        values["name"] = _(rung(values["rung"]).name)
    for key, value in values.items():
        if hasattr(value, "isoformat"):
            values[key] = format_date(value, "medium")
    return _(line.template, **values)


def problem_message(code: str, values: dict) -> str:
    """What a facts document's problem means, in words."""
    messages = {
        "required": lambda: _("This field is required."),
        "unknown": lambda: _("This field is not part of the facts document."),
        "choice": lambda: _("Choose one of: %(choices)s.", **values),
        "type": lambda: _("Give a value of type %(type)s.", **values),
        "minimum": lambda: _("Give at least %(limit)s.", **values),
        "maximum": lambda: _("Give at most %(limit)s.", **values),
        "evidence": lambda: _(
            "A documented fact needs its evidence: a link or a reference."
        ),
        "date": lambda: _("Give a date (YYYY-MM-DD) or an ISO 8601 date and time."),
    }
    return messages.get(code, lambda: _("This value is not valid here."))()
