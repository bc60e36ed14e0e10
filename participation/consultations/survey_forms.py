"""A consultation's survey as a form: one field per question (built from the survey
as it stands, filled from a saved response), and the answers read back for the
service."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Optional

from participation.consultations.responses import AnswerData
from participation.core.forms import content_language_field
from participation.formtools import CheckboxesField, rank_order
from participation.languages import language_choices
from participation.params import finite_float, fits_integer, parse_int


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
