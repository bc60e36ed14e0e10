"""Small helpers shared by the feature forms and views."""

from flask import flash
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    FloatField,
    IntegerField,
    SelectChoice,
    SelectMultipleField,
    widgets,
)
from wtforms.validators import ValidationError

from participation.errors import Invalid
from participation.params import DB_INT_MAX, finite_float, fits_integer, parse_int


def optional_int(value) -> int | None:
    """Coerce a select value: '' or None means no choice; ValueError (the field's
    "not a valid choice") for anything but a whole number the database can hold."""
    if value in (None, "", "None"):
        return None
    number = value if isinstance(value, int) else parse_int(value)
    if number is None or not fits_integer(number):
        raise ValueError(value)
    return number


def named_choices(names) -> list[SelectChoice]:
    """Options from a {value: untranslated name} mapping, in the reader's language."""
    return [SelectChoice(value, _(name)) for value, name in names.items()]


def flash_errors(error: Invalid) -> None:
    """Flash each message of a refused action that has no form to show them on."""
    for message in error.errors.values():
        flash(message, "error")


def apply_errors(form, error: Invalid, aliases: dict[str, str] | None = None) -> None:
    """Show a service's validation errors next to the matching form fields.

    `aliases` maps a service's field name to the form field that shows it.
    """
    for field_name, message in error.errors.items():
        field = getattr(form, (aliases or {}).get(field_name, field_name), None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, message]
        else:
            form.form_errors.append(message)


class CheckboxesField(SelectMultipleField):
    """A group of checkboxes (rendered inside a fieldset)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


REQUIRED = _l("This field is required.")


def rank_order(ranks: dict, count: int) -> tuple[list, str | None]:
    """Items in the order of the ranks a voter typed (1 = first; empty = unranked),
    and what is wrong: "unknown" (a rank the form does not offer, or not a number),
    "tie" (a rank given twice), or None. The caller turns the problem into a value
    its service refuses with its own message."""
    ranked = []
    for item, raw in ranks.items():
        text = str(raw or "").strip()
        if text:
            ranked.append((parse_int(text) or 0, item))
    order = [item for _rank, item in sorted(ranked, key=lambda r: r[0])]
    if any(not 1 <= rank <= count for rank, _item in ranked):
        return order, "unknown"
    if len({rank for rank, _item in ranked}) != len(ranked):
        return order, "tie"
    return order, None


class CoordinateField(FloatField):
    """A latitude (limit 90) or longitude (limit 180) in degrees: a finite number in
    range, or nothing. "nan", "inf" and 1e308 are refused here, before any search."""

    def __init__(self, label=None, validators=None, limit: float = 90, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.limit = limit

    def process_formdata(self, valuelist):
        text = valuelist[0].strip().replace(",", ".") if valuelist else ""
        self.data = None
        if not text:
            return
        value = finite_float(text)
        if value is None or not -self.limit <= value <= self.limit:
            raise ValueError(
                _(
                    "Give a number of degrees from %(low)s to %(high)s.",
                    low=format_decimal(-self.limit),
                    high=format_decimal(self.limit),
                )
            )
        self.data = value


class WholeNumberField(IntegerField):
    """A whole number that fits the database's integer columns."""

    def pre_validate(self, form):
        if self.data is not None and not fits_integer(self.data):
            raise ValidationError(
                _(
                    "Give a number of at most %(limit)s.",
                    limit=format_decimal(DB_INT_MAX),
                )
            )
