"""Forms for projects and engagements."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from participation.core.models import ENGAGEMENT_KINDS, PROJECT_STATUSES, THEMES
from participation.core.rungs import (
    IAP2_LEVELS,
    IAP2_NAMES,
    IAP2_PREFIX,
    NO_CLAIM,
    RUNGS,
    claim_value,
    parse_claim,
)
from participation.formtools import REQUIRED, named_choices, optional_int
from participation.languages import language_choices

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
BAD_DATE = _l("Enter a date and time.")
CHOOSE_CLAIM = _l(
    "Choose the rung the city claims, in Arnstein's or IAP2's words, or “no claim”."
)


def content_language_field() -> SelectField:
    """The language the author writes in (choices set per request)."""
    return SelectField(
        _l("Language of these texts"),
        description=_l("Readers of other languages see a marked machine translation."),
        validators=[DataRequired(REQUIRED)],
    )


def district_choices(districts) -> list[SelectChoice]:
    """The whole city, then each district: the options of a district field."""
    return [SelectChoice("", _("Whole city"))] + [
        SelectChoice(str(d.id), d.name) for d in districts
    ]


class ProjectForm(FlaskForm):
    title = StringField(
        _l("Title"), validators=[DataRequired(REQUIRED), Length(max=200)]
    )
    summary = TextAreaField(
        _l("Summary"),
        description=_l("One or two sentences shown in lists."),
        validators=[DataRequired(REQUIRED), Length(max=500)],
    )
    description = TextAreaField(
        _l("Description"),
        description=_l("Markdown: **bold**, *italic*, lists and links."),
        validators=[Optional(), Length(max=20000)],
    )
    theme = SelectField(_l("Theme"), validators=[DataRequired(REQUIRED)])
    status = SelectField(_l("Status"), validators=[DataRequired(REQUIRED)])
    district_id = SelectField(
        _l("District"), coerce=optional_int, validators=[Optional()]
    )
    language = content_language_field()

    def __init__(self, districts, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()
        self.theme.choices = named_choices(THEMES)
        self.status.choices = named_choices(PROJECT_STATUSES)
        self.district_id.choices = district_choices(districts)


class EngagementForm(FlaskForm):
    kind = SelectField(_l("Kind of engagement"), validators=[DataRequired(REQUIRED)])
    title = StringField(
        _l("Title"), validators=[DataRequired(REQUIRED), Length(max=200)]
    )
    summary = TextAreaField(_l("Summary"), validators=[Optional(), Length(max=5000)])
    district_id = SelectField(
        _l("District"), coerce=optional_int, validators=[Optional()]
    )
    opens_at = DateTimeLocalField(
        _l("Opens"),
        format=DATETIME_FORMAT,
        validators=[DataRequired(BAD_DATE)],
    )
    closes_at = DateTimeLocalField(
        _l("Closes"),
        format=DATETIME_FORMAT,
        description=_l("Leave empty for an engagement that stays open."),
        validators=[Optional()],
    )
    decided_at = DateTimeLocalField(
        _l("Decision date"),
        format=DATETIME_FORMAT,
        description=_l(
            "When the decision this engagement informs was or will be taken."
        ),
        validators=[Optional()],
    )
    claimed_rung = SelectField(
        _l("Rung the city claims"),
        description=_l(
            "In the words of Arnstein's ladder of citizen participation (1–8) or of "
            "the IAP2 spectrum, or “no claim”. The evidence is shown beside it."
        ),
        validators=[DataRequired(CHOOSE_CLAIM)],
    )
    language = content_language_field()

    def __init__(self, districts, *args, fixed_kind: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()
        # Consultations and budgets have their own, fuller forms.
        own_forms = ("consultation", "budget_process")
        kinds = {k: v for k, v in ENGAGEMENT_KINDS.items() if k not in own_forms}
        if fixed_kind:
            kinds = {k: v for k, v in ENGAGEMENT_KINDS.items() if k == fixed_kind}
        self.kind.choices = named_choices(kinds)
        self.district_id.choices = district_choices(districts)
        self.claimed_rung.choices = claim_choices()

    def process(self, formdata=None, obj=None, data=None, extra_filters=None, **kw):
        super().process(formdata, obj, data=data, extra_filters=extra_filters, **kw)
        if obj is not None and not self.is_submitted():
            self.claimed_rung.data = claim_value(
                getattr(obj, "claimed_rung", None), getattr(obj, "claim_words", None)
            )

    def claim(self) -> dict:
        """The chosen claim as the services take it: claimed_rung and claim_words."""
        rung_number, words = parse_claim(self.claimed_rung.data)
        return {"claimed_rung": rung_number, "claim_words": words}


def claim_choices() -> list[SelectChoice]:
    """The claim's options: none chosen yet, no claim, Arnstein's rungs, IAP2's levels
    (each with the rungs it maps to)."""
    iap2 = []
    for level, (low, high) in IAP2_LEVELS.items():
        if low == high:
            label = _("%(level)s (rung %(low)d)", level=_(IAP2_NAMES[level]), low=low)
        else:
            label = _(
                "%(level)s (rungs %(low)d–%(high)d)",
                level=_(IAP2_NAMES[level]),
                low=low,
                high=high,
            )
        iap2.append(SelectChoice(IAP2_PREFIX + level, label))
    arnstein, spectrum = _("Arnstein's ladder"), _("IAP2 spectrum")
    return [
        SelectChoice("", _("Choose…")),
        SelectChoice(NO_CLAIM, _("No claim")),
        *(
            SelectChoice(
                str(r.number),
                f"{r.number} — {_(r.name)} ({_(r.tier_name)})",
                optgroup=arnstein,
            )
            for r in RUNGS
        ),
        *(SelectChoice(c.value, c.label, optgroup=spectrum) for c in iap2),
    ]
