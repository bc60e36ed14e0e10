"""The form planners record a fact with: the value (its widget depends on the fact),
declared or documented, and the evidence."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from participation.formtools import REQUIRED, named_choices
from participation.ladder import facts as f
from participation.ladder.labels import VALUE_NAMES

CHOICES = {
    "initiated_by": f.INITIATORS,
    "entry_stage": f.ENTRY_STAGES,
    "input_kind": f.INPUT_KINDS,
    "bindingness": f.BINDINGNESS,
}
YES_NO = (
    "residents_set_options",
    "agreement",
    "resident_funds_control",
    "purpose_persuasion",
    "endorsement_claimed",
)


def _named(values) -> list[SelectChoice]:
    return named_choices({v: VALUE_NAMES[v] for v in values})


class FactForm(FlaskForm):
    choice = RadioField(_l("Value"), validators=[Optional()])
    amount = IntegerField(_l("Amount"), validators=[Optional(), NumberRange(min=0)])
    resident_seats = IntegerField(
        _l("Resident seats"), validators=[Optional(), NumberRange(min=0)]
    )
    total_seats = IntegerField(
        _l("Voting seats in all"), validators=[Optional(), NumberRange(min=0)]
    )
    selection = SelectField(
        _l("How resident members were chosen"), validators=[Optional()]
    )
    official_veto = BooleanField(_l("Officials can veto the outcome"))
    provenance = RadioField(_l("This fact is"), validators=[DataRequired(REQUIRED)])
    evidence = StringField(
        _l("Evidence"),
        description=_l(
            "A link to the resolution, minutes, contract or budget line, or a reference."
        ),
        validators=[Optional(), Length(max=2000)],
    )

    def __init__(self, key: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key = key
        if key in CHOICES:
            self.choice.choices = _named(CHOICES[key])
        elif key in YES_NO:
            self.choice.choices = [
                SelectChoice("yes", _("Yes")),
                SelectChoice("no", _("No")),
            ]
        else:
            self.choice.choices = []  # this fact is given through other fields
        self.selection.choices = _named(f.SELECTIONS)
        self.provenance.choices = [
            SelectChoice("declared", _("Declared: the city says so")),
            SelectChoice(
                "documented", _("Documented: with a link or reference to the document")
            ),
        ]

    def value(self):
        """The fact's value from the fields its key uses (None when left empty)."""
        if self.key in CHOICES:
            return self.choice.data or None
        if self.key in YES_NO:
            return {"yes": True, "no": False}.get(self.choice.data)
        if self.key == "delegated_scope":
            return self.amount.data
        if self.key == "board":
            return {
                "resident_seats": self.resident_seats.data or 0,
                "total_seats": self.total_seats.data or 0,
                "selection": self.selection.data,
                "official_veto": bool(self.official_veto.data),
            }
        return None

    def show(self, value) -> None:
        """Fill the fields from a recorded value."""
        if self.key in CHOICES:
            self.choice.data = value
        elif self.key in YES_NO:
            self.choice.data = "yes" if value else "no"
        elif self.key == "delegated_scope":
            self.amount.data = value
        elif self.key == "board" and isinstance(value, dict):
            self.resident_seats.data = value.get("resident_seats")
            self.total_seats.data = value.get("total_seats")
            self.selection.data = value.get("selection")
            self.official_veto.data = value.get("official_veto")


class ReviewForm(FlaskForm):
    rung = SelectField(_l("The rung the evidence supports"), coerce=int)
    reason = TextAreaField(
        _l("Reason"),
        description=_l("Required when you record another rung than the computed one."),
        validators=[Optional(), Length(max=5000)],
    )
    evidence = TextAreaField(
        _l("Evidence"),
        description=_l("Links or references, one per line."),
        validators=[Optional(), Length(max=5000)],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from participation.core.rungs import RUNGS

        self.rung.choices = [
            SelectChoice(r.number, f"{r.number} — {_(r.name)}") for r in RUNGS
        ]
