"""Forms of participatory budgeting: the planner's set-up, budgets, proposals, reviews,
paper ballots, milestones and Pabulib imports, and a ballot as the voter (or the staff
entering a paper one) filled it in. The services check every value; the forms only
read and show them."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from participation.budgeting.models import (
    MILESTONE_STATUSES,
    RULE_NAMES,
    VERDICTS,
    VOTE_TYPES,
    Proposal,
)
from participation.core.forms import (
    BAD_DATE,
    DATETIME_FORMAT,
    EngagementForm,
    content_language_field,
    district_choices,
)
from participation.formtools import (
    REQUIRED,
    CoordinateField,
    WholeNumberField,
    named_choices,
    optional_int,
    rank_order,
)
from participation.languages import language_choices
from participation.params import fits_integer, parse_int

NUMBER = _l("Enter a whole number.")


def _count(label, description=None) -> WholeNumberField:
    return WholeNumberField(
        label, description=description, validators=[Optional()], default=None
    )


class ProcessForm(EngagementForm):
    """The process: what it is, its phases' dates, and the rules voters are told."""

    decided_at = None  # a budget's decision is its vote
    ideas_close_at = DateTimeLocalField(
        _l("Ideas close"), format=DATETIME_FORMAT, validators=[Optional()]
    )
    voting_opens_at = DateTimeLocalField(
        _l("Voting opens"),
        format=DATETIME_FORMAT,
        description=_l("Between the ideas and the vote, the city reviews proposals."),
        validators=[Optional()],
    )
    vote_type = SelectField(_l("Ballot"), validators=[DataRequired(REQUIRED)])
    rule = SelectField(
        _l("How winners are chosen"), validators=[DataRequired(REQUIRED)]
    )
    min_projects = _count(_l("Fewest projects a voter chooses (optional)"))
    max_projects = _count(_l("Most projects a voter chooses (optional)"))
    limit_to_budget = BooleanField(
        _l("A ballot may not cost more than the budget (approval ballots)")
    )
    max_points = _count(
        _l("Points each voter shares out"), _l("Cumulative ballots only.")
    )
    min_age = _count(_l("Minimum age to vote (optional)"))
    verified_districts_only = BooleanField(
        _l("District budgets: only residents whose district the city verified vote")
    )
    binding = BooleanField(_l("Binding: the city builds the winners"))
    commitment_url = StringField(
        _l("Link to the document that makes the commitment"),
        description=_l("A resolution, minutes or policy, e.g. https://…"),
        validators=[Optional(), Length(max=500)],
    )
    deliver_by = DateField(
        _l("The winners are built by (optional)"),
        description=_l("The city's promise; delays against it are public."),
        validators=[Optional()],
    )

    def __init__(self, districts, *args, **kwargs):
        super().__init__(districts, *args, fixed_kind="budget_process", **kwargs)
        self.closes_at.label.text = _("Voting closes")
        self.closes_at.description = ""
        self.opens_at.label.text = _("Ideas open")
        self.summary.label.text = _("Purpose")
        self.vote_type.choices = named_choices(VOTE_TYPES)
        self.rule.choices = named_choices(RULE_NAMES)


class BudgetForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(REQUIRED), Length(max=200)])
    amount = WholeNumberField(_l("Amount"), validators=[DataRequired(NUMBER)])
    district_id = SelectField(
        _l("District"), coerce=optional_int, validators=[Optional()]
    )

    def __init__(self, districts, *args, currency="", **kwargs):
        super().__init__(*args, **kwargs)
        self.district_id.choices = district_choices(districts)
        self.amount.description = _("In %(currency)s.", currency=currency)


class ProposalForm(FlaskForm):
    budget_id = SelectField(
        _l("Budget"), coerce=optional_int, validators=[DataRequired(REQUIRED)]
    )
    title = StringField(
        _l("Your project in a few words"),
        validators=[DataRequired(REQUIRED), Length(max=200)],
    )
    description = TextAreaField(
        _l("What it is, where, and who it is for"),
        validators=[Optional(), Length(max=5000)],
    )
    cost = WholeNumberField(
        _l("Estimated cost"),
        description=_l("Your best guess; the city checks it."),
        validators=[DataRequired(NUMBER)],
    )
    lat = CoordinateField(
        _l("Latitude"),
        description=_l("Filled in when you drop a pin on the map, or type it."),
        validators=[Optional()],
    )
    lon = CoordinateField(_l("Longitude"), validators=[Optional()], limit=180)
    photo = FileField(
        _l("Photo (optional)"),
        description=_l(
            "JPEG, PNG, WebP or GIF, up to 8 MB. Location and camera data are removed."
        ),
    )
    language = content_language_field()
    show_name = BooleanField(_l("Show my name with this proposal"))

    def __init__(self, budgets, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.budget_id.choices = [SelectChoice(b.id, b.name) for b in budgets]
        self.language.choices = language_choices()


class ReviewForm(FlaskForm):
    verdict = RadioField(_l("Verdict"), validators=[DataRequired(REQUIRED)])
    reason = TextAreaField(
        _l("Reason, for the proposer and everyone"),
        validators=[DataRequired(REQUIRED), Length(max=5000)],
    )
    revised_cost = WholeNumberField(
        _l("Revised cost (optional)"),
        description=_l("If the city's estimate differs; voters see this figure."),
        validators=[Optional()],
    )
    merged_into_id = SelectField(
        _l("Merged into"), coerce=optional_int, validators=[Optional()]
    )

    def __init__(self, others, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.verdict.choices = named_choices(
            {k: v for k, v in VERDICTS.items() if k != "pending"}
        )
        self.merged_into_id.choices = [SelectChoice("", "—")] + [
            SelectChoice(p.id, f"#{p.id} {p.title}") for p in others
        ]


class MilestoneForm(FlaskForm):
    title = StringField(
        _l("Step"), validators=[DataRequired(REQUIRED), Length(max=200)]
    )
    planned_for = DateField(_l("Planned for"), validators=[DataRequired(BAD_DATE)])
    status = SelectField(_l("Status"), validators=[DataRequired(REQUIRED)])
    done_on = DateField(_l("Delivered on"), validators=[Optional()])
    spent = WholeNumberField(
        _l("Spent so far"),
        description=_l("The money spent on the project up to this step."),
        validators=[Optional()],
    )
    note = TextAreaField(
        _l("Note (optional)"), validators=[Optional(), Length(max=2000)]
    )
    language = content_language_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = named_choices(MILESTONE_STATUSES)
        self.language.choices = language_choices()


class PaperBallotForm(FlaskForm):
    reference = StringField(
        _l("Reference number on the paper ballot"),
        validators=[DataRequired(REQUIRED), Length(max=100)],
    )


class ImportForm(FlaskForm):
    file = FileField(
        _l("Pabulib file (.pb)"),
        description=_l("A participatory budget from pabulib.org, imported as closed."),
    )


def ballot_choices(
    vote_type: str, form, offered: list[Proposal]
) -> list[tuple[int, int | None]]:
    """The ballot as the voter filled it in, in their order (ranks for ordinal
    ballots); garbled values become ones the service refuses with its reason."""
    if vote_type in ("approval", "choose-1"):
        picked = set(form.getlist("project"))
        known = {str(p.id) for p in offered}
        # A value that is not on the ballot stays, for the service to refuse.
        return [(p.id, None) for p in offered if str(p.id) in picked] + [
            (-1, None) for value in picked if value not in known
        ]
    if vote_type == "cumulative":
        given = []
        for p in offered:
            raw = form.get(f"points-{p.id}", "").strip()
            if raw:
                points = parse_int(raw)
                fits = points is not None and fits_integer(points)
                given.append((p.id, points if fits else -1))
        return [(i, x) for i, x in given if x != 0]
    order, problem = rank_order(
        {p.id: form.get(f"rank-{p.id}") for p in offered}, len(offered)
    )
    choices = [(i, None) for i in order]
    if problem:  # a tie or a rank not offered: refused as a project given twice
        choices.append(choices[0])
    return choices
