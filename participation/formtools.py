"""Small helpers shared by the feature forms and views."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField, widgets

from participation.errors import Invalid


def optional_int(value) -> int | None:
    """Coerce a select value: '' or None means no choice."""
    if value in (None, "", "None"):
        return None
    return int(value)


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
            ranked.append((int(text) if text.isdigit() else 0, item))
    order = [item for _rank, item in sorted(ranked, key=lambda r: r[0])]
    if any(not 1 <= rank <= count for rank, _item in ranked):
        return order, "unknown"
    if len({rank for rank, _item in ranked}) != len(ranked):
        return order, "tie"
    return order, None
