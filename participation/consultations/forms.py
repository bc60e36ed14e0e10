"""Forms of consultations: the planner's set-up and a survey built from its questions."""

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
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from participation.consultations.models import AUDIENCES, COMMITMENTS
from participation.consultations.responses import AnswerData
from participation.consultations.survey_models import QUESTION_KINDS
from participation.core.forms import (
    BAD_DATE,
    DATETIME_FORMAT,
    EngagementForm,
    content_language_field,
)
from participation.formtools import (
    REQUIRED,
    CheckboxesField,
    named_choices,
    rank_order,
)
from participation.i18n.locale import language_choices
from participation.params import finite_float, fits_integer, parse_int

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


def survey_form(questions, labels, formdata=None, response=None):
    """A form with one field per question (rankings: one rank per option; points:
    latitude and longitude), filled from `response` when editing.

    `labels` maps option ids to the label shown to this reader.
    """

    class SurveyForm(FlaskForm):
        language = content_language_field()

    saved = {a.question_id: a for a in response.answers} if response else {}
    for question in questions:
        name, answer = f"q{question.id}", saved.get(question.id)
        options = [
            SelectChoice(str(o.id), labels.get(o.id, o.label)) for o in question.options
        ]
        if question.kind == "single":
            field = RadioField(
                question.prompt,
                choices=options,
                validators=[Optional()],
                validate_choice=False,
                default=str(answer.choices[0]) if answer and answer.choices else None,
            )
        elif question.kind == "multiple":
            field = CheckboxesField(
                question.prompt,
                choices=options,
                validate_choice=False,
                default=[str(c) for c in answer.choices or []] if answer else [],
            )
        elif question.kind == "scale":
            values = range(question.scale_min, question.scale_max + 1)
            field = RadioField(
                question.prompt,
                choices=[SelectChoice(str(v)) for v in values],
                validators=[Optional()],
                validate_choice=False,
                default=str(answer.number)
                if answer and answer.number is not None
                else None,
            )
        elif question.kind == "text":
            field = TextAreaField(
                question.prompt,
                validators=[Optional()],
                default=answer.text if answer else "",
            )
        elif question.kind in ("ranking", "point"):
            # Never rendered: carries the question's error for its fieldset.
            setattr(SurveyForm, name, HiddenField())
        if question.kind == "ranking":
            ranks = (
                {c: n for n, c in enumerate(answer.choices or [], 1)} if answer else {}
            )
            for option in question.options:
                setattr(
                    SurveyForm,
                    f"{name}_{option.id}",
                    SelectField(
                        labels.get(option.id, option.label),
                        choices=[SelectChoice("", "–")]
                        + [SelectChoice(str(n)) for n in range(1, len(options) + 1)],
                        validators=[Optional()],
                        validate_choice=False,
                        default=str(ranks[option.id]) if option.id in ranks else "",
                    ),
                )
            continue
        if question.kind == "point":
            for part in ("lat", "lon"):
                setattr(
                    SurveyForm,
                    f"{name}_{part}",
                    StringField(
                        _l("Latitude") if part == "lat" else _l("Longitude"),
                        validators=[Optional()],
                        default=(
                            f"{getattr(answer, part):.6f}"
                            if answer and getattr(answer, part) is not None
                            else ""
                        ),
                    ),
                )
            continue
        setattr(SurveyForm, name, field)
    form = SurveyForm(formdata=formdata)  # None: the saved answers, not the request
    form.language.choices = language_choices()
    return form


# What a garbled value becomes: no option, scale value or rank is -1, and no place lies
# at 999 degrees, so the service refuses it with the message of its question.
INVALID, NOWHERE = -1, 999.0


def _integer(raw) -> int | None:
    text = str(raw or "").strip()
    if not text:
        return None
    number = parse_int(text)
    return number if number is not None and fits_integer(number) else INVALID


def _degrees(raw) -> float | None:
    text = str(raw or "").strip().replace(",", ".")
    if not text:
        return None
    value = finite_float(text)
    return NOWHERE if value is None else value  # nan and inf are no place


def survey_answers(form, questions) -> dict[int, AnswerData]:
    """The answers given in a survey form, as the service takes them."""
    answers = {}
    for question in questions:
        name = f"q{question.id}"
        data = AnswerData()
        if question.kind in ("single", "multiple"):
            raw = form[name].data
            values = raw if isinstance(raw, list) else [raw] if raw else []
            data.choices = [_integer(v) for v in values if _integer(v) is not None]
        elif question.kind == "scale":
            data.number = _integer(form[name].data)
        elif question.kind == "text":
            data.text = form[name].data or ""
        elif question.kind == "ranking":
            data.choices, problem = rank_order(
                {o.id: form[f"{name}_{o.id}"].data for o in question.options},
                len(question.options),
            )
            if problem == "unknown":
                data.choices.append(INVALID)
            elif problem == "tie":  # shown to the service as an option ranked twice
                data.choices.append(data.choices[0])
        else:
            data.lat = _degrees(form[f"{name}_lat"].data)
            data.lon = _degrees(form[f"{name}_lon"].data)
        answers[question.id] = data
    return answers
