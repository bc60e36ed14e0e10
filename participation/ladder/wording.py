"""The ladder's sentences in the reader's language: trace lines and the errors of a
facts document (the pure modules give templates and codes)."""

from datetime import datetime

from flask_babel import format_date, format_time, ngettext
from flask_babel import gettext as _

from participation.core.rungs import rung
from participation.ladder.assessment import Line


def line_text(line: Line) -> str:
    """A trace line translated, with its rung names translated too."""
    values = dict(line.values)
    if "name" in values and "rung" in values:
        values["name"] = _(rung(values["rung"]).name)
    for key, value in values.items():
        if isinstance(value, datetime):
            # A moment, already in the city's time (ladder/timing.py shown).
            day = format_date(value, "medium", rebase=False)
            values[key] = f"{day} {format_time(value, 'short', rebase=False)}"
        elif hasattr(value, "isoformat"):  # a day
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
        "timezone": lambda: _("Give a timezone name such as Europe/Warsaw."),
        "seats": lambda: _(
            "Residents cannot hold more seats than the board has (%(total)s).",
            **values,
        ),
        "closes_before_opening": lambda: _("It cannot close before it opens."),
        "decided_before_binding_input": lambda: _(
            "A decision taken before the opening cannot be bound by residents' "
            "input, yet the facts claim a binding vote or delegated power."
        ),
        "options_not_set": lambda: _(
            "Resident options cannot be adopted when residents could not put "
            "options forward."
        ),
        "over_winners": lambda: _(
            "There cannot be more than the %(winners)s winners.", **values
        ),
        "on_time_over_implemented": lambda: _(
            "More winners cannot be delivered on time than were delivered."
        ),
    }
    return messages.get(code, lambda: _("This value is not valid here."))()


def fact_name(key: str) -> str:
    from participation.ladder.labels import FACT_NAMES

    return _(FACT_NAMES.get(key, key))


def fact_value(key: str, value) -> str:
    """A fact's value in words: names for choices, yes/no, dates, shares, counts."""
    from flask_babel import format_decimal, format_percent

    from participation.ladder.labels import VALUE_NAMES
    from participation.ladder.timing import when

    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, str) and value in VALUE_NAMES:
        return _(VALUE_NAMES[value])
    if key in ("opens_at", "closes_at", "decided_at"):
        return format_date(when(value), "medium")
    if key == "board" and isinstance(value, dict):
        return _(
            "%(residents)s of %(seats)s seats for residents (%(how)s)",
            residents=value.get("resident_seats", 0),
            seats=value.get("total_seats", 0),
            how=_(VALUE_NAMES.get(value.get("selection"), "")) or "—",
        ) + (" · " + _("officials can veto") if value.get("official_veto") else "")
    if key == "responses" and isinstance(value, dict):
        share = value.get("answered_share")
        return _(
            "%(count)s inputs, %(share)s answered",
            count=value.get("contributions", 0),
            share=format_percent(share) if share is not None else "—",
        )
    if key == "delivery" and isinstance(value, dict):
        from participation.ladder.caps import delivery_shares

        share, _on_time, measured = delivery_shares(value)
        shown = format_percent(share) if share is not None else "—"
        if measured == "money":
            return _("%(share)s of the winners' money delivered", share=shown)
        return _("%(share)s of the winners delivered", share=shown)
    if key == "continuity" and isinstance(value, dict):
        return ngettext(
            "%(num)d engagement; longest silence %(days)s days",
            "%(num)d engagements; longest silence %(days)s days",
            value.get("engagements", 0),
            days=format_decimal(value.get("longest_gap_days") or 0),
        )
    if isinstance(value, (int, float)):
        return format_decimal(value)
    return str(value)
