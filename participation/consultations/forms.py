"""Forms of consultations: the planner's set-up, the text's sections and comments,
clarifications, closing changes and the report (the survey itself: survey_forms.py)."""

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from participation.consultations.models import AUDIENCES, COMMITMENTS
from participation.consultations.survey_models import QUESTION_KINDS
from participation.core.forms import (
    BAD_DATE,
    DATETIME_FORMAT,
    EngagementForm,
    content_language_field,
)
from participation.formtools import REQUIRED, named_choices, optional_int
from participation.i18n.content import prefetch, show_field, texts_of
from participation.languages import language_choices
from participation.params import parse_int

SCALE_CHOICES = [SelectChoice("1-5", "1–5"), SelectChoice("0-10", "0–10")]


class ConsultationForm(EngagementForm):
    """The engagement's common details, and what a consultation adds."""

    already_decided = TextAreaField(
        _l("What is already decided"), validators=[Optional(), Length(max=5000)]
    )
    still_open = TextAreaField(
        _l("What is still open"),
        description=_l("What residents' answers can still change."),
        validators=[Optional(), Length(max=5000)],
    )
    decision = TextAreaField(
        _l("The decision it informs"),
        description=_l("Who decides what; its date is the decision date below."),
        validators=[Optional(), Length(max=5000)],
    )
    audience = SelectField(_l("Who may take part"), validators=[DataRequired(REQUIRED)])
    commitment = SelectField(
        _l("The city's commitment"), validators=[DataRequired(REQUIRED)]
    )
    commitment_url = StringField(
        _l("Link to the document that makes the commitment"),
        description=_l("A resolution, minutes or policy, e.g. https://…"),
        validators=[Optional(), Length(max=500)],
    )

    def __init__(self, districts, *args, **kwargs):
        super().__init__(districts, *args, fixed_kind="consultation", **kwargs)
        self.summary.label.text = _("Purpose")
        self.audience.choices = named_choices(AUDIENCES)
        self.commitment.choices = named_choices(COMMITMENTS)


class QuestionForm(FlaskForm):
    kind = SelectField(_l("Kind of question"), validators=[DataRequired(REQUIRED)])
    prompt = StringField(
        _l("Question"), validators=[DataRequired(REQUIRED), Length(max=500)]
    )
    help = TextAreaField(_l("Help text"), validators=[Optional(), Length(max=5000)])
    required = BooleanField(_l("An answer is required"))
    options = TextAreaField(
        _l("Options"),
        description=_l("For choices and rankings: one option per line."),
        validators=[Optional(), Length(max=5000)],
    )
    scale = SelectField(_l("Scale"), choices=SCALE_CHOICES, validators=[Optional()])
    min_label = StringField(
        _l("Label of the lowest value"), validators=[Optional(), Length(max=80)]
    )
    max_label = StringField(
        _l("Label of the highest value"), validators=[Optional(), Length(max=80)]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = named_choices(QUESTION_KINDS)

    def scale_range(self) -> tuple[int, int] | None:
        low, _sep, high = (self.scale.data or "").partition("-")
        low, high = parse_int(low), parse_int(high)
        return None if low is None or high is None else (low, high)


class TextForm(FlaskForm):
    """One text with its language: a clarification, an official reply."""

    body = TextAreaField(_l("Text"), validators=[DataRequired(REQUIRED)])
    language = content_language_field()

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()
        if label:
            self.body.label.text = label


class SectionForm(FlaskForm):
    heading = StringField(
        _l("Heading"), validators=[DataRequired(REQUIRED), Length(max=200)]
    )
    body = TextAreaField(
        _l("Text"),
        description=_l("Markdown: **bold**, *italic*, lists and links."),
        validators=[DataRequired(REQUIRED), Length(max=20000)],
    )


class CommentForm(FlaskForm):
    body = TextAreaField(
        _l("Your comment"), validators=[DataRequired(REQUIRED), Length(max=3000)]
    )
    parent_id = HiddenField()
    show_name = BooleanField(_l("Show my name with my comment"))
    language = content_language_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()


class ClosingForm(FlaskForm):
    closes_at = DateTimeLocalField(
        _l("New closing date"),
        format=DATETIME_FORMAT,
        validators=[DataRequired(BAD_DATE)],
    )
    reason = TextAreaField(
        _l("Reason, shown to residents"),
        validators=[DataRequired(REQUIRED), Length(max=5000)],
    )
    language = content_language_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()


class ThemeForm(Form):
    heard = TextAreaField(_l("What we heard"), validators=[Optional()])
    did = TextAreaField(_l("What we did"), validators=[Optional()])
    decision = SelectField(
        _l("The decision it led to"),
        coerce=optional_int,
        validators=[Optional()],
        description=_l("One of the decisions recorded on the project page."),
    )


class ReportForm(FlaskForm):
    summary = TextAreaField(
        _l("Introduction"), validators=[Optional(), Length(max=5000)]
    )
    themes = FieldList(FormField(ThemeForm), min_entries=3, max_entries=30)
    decided_at = DateTimeLocalField(
        _l("Date of the decision"),
        format=DATETIME_FORMAT,
        validators=[DataRequired(BAD_DATE)],
    )
    language = content_language_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()

    def offer_decisions(self, decisions: list) -> None:
        """Offer the project's decisions, by title and day in the planner's language
        (after the last theme is added)."""
        prefetch(texts_of(*decisions))
        choices = [SelectChoice("", _("None"))] + [
            SelectChoice(
                str(d.id),
                _(
                    "%(title)s (%(date)s)",
                    title=show_field(d, "title").text,
                    date=format_date(d.decided_at, "medium"),
                ),
            )
            for d in decisions
        ]
        for theme in self.themes:
            theme.decision.choices = choices
