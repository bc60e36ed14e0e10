"""Forms of project threads: planners' updates, decisions and milestones; residents'
questions; following and digests."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from participation.core.forms import DATETIME_FORMAT, content_language_field
from participation.formtools import (
    REQUIRED,
    CheckboxesField,
    named_choices,
    optional_int,
)
from participation.languages import language_choices
from participation.projects.models import DIGEST_FREQUENCIES, MILESTONE_STATES

BAD_DAY = _l("Enter a date.")


class UpdateForm(FlaskForm):
    title = StringField(
        _l("Title"), validators=[DataRequired(REQUIRED), Length(max=200)]
    )
    body = TextAreaField(
        _l("Update"),
        description=_l("Markdown: **bold**, *italic*, lists and links."),
        validators=[DataRequired(REQUIRED), Length(max=20000)],
    )
    engagement_id = SelectField(
        _l("About the engagement"), coerce=optional_int, validators=[Optional()]
    )
    image = FileField(
        _l("Picture (optional)"),
        description=_l("Its metadata (place, camera, author) is removed."),
    )
    image_alt = StringField(
        _l("What the picture shows"),
        description=_l("Read out to people who cannot see it."),
        validators=[Optional(), Length(max=300)],
    )
    publish_at = DateTimeLocalField(
        _l("Publish later, at"),
        format=DATETIME_FORMAT,
        description=_l(
            "Leave empty to publish now. Followers are told when it appears."
        ),
        validators=[Optional()],
    )
    language = content_language_field()

    def __init__(self, project, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()
        self.engagement_id.choices = [SelectChoice("", _("None"))] + [
            SelectChoice(str(e.id), e.title) for e in project.engagements
        ]


class DecisionForm(FlaskForm):
    title = StringField(
        _l("What was decided"), validators=[DataRequired(REQUIRED), Length(max=200)]
    )
    decided_by = StringField(
        _l("Decided by"),
        description=_l("The body that took the decision, e.g. the city council."),
        validators=[DataRequired(REQUIRED), Length(max=200)],
    )
    decided_on = DateField(
        _l("Date of the decision"), validators=[DataRequired(BAD_DAY)]
    )
    description = TextAreaField(
        _l("Details"), validators=[Optional(), Length(max=10000)]
    )
    document_url = StringField(
        _l("Link to the document"),
        description=_l("The resolution, minutes or contract (https://…)."),
        validators=[Optional(), Length(max=500)],
    )
    engagement_ids = CheckboxesField(
        _l("Engagements whose results informed it"), coerce=int, validators=[Optional()]
    )
    language = content_language_field()

    def __init__(self, project, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()
        self.engagement_ids.choices = [
            SelectChoice(e.id, e.title) for e in project.engagements
        ]


class MilestoneForm(FlaskForm):
    title = StringField(
        _l("Milestone"), validators=[DataRequired(REQUIRED), Length(max=200)]
    )
    due_on = DateField(_l("Planned for"), validators=[DataRequired(BAD_DAY)])
    state = SelectField(_l("State"), validators=[DataRequired(REQUIRED)])
    reached_on = DateField(
        _l("Reached on"),
        description=_l("Only for a milestone that was reached."),
        validators=[Optional()],
    )
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)])
    language = content_language_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()
        self.state.choices = named_choices(MILESTONE_STATES)


class QuestionForm(FlaskForm):
    kind = RadioField(
        _l("This is"),
        default="question",
        validators=[DataRequired(REQUIRED)],
    )
    body = TextAreaField(
        _l("Your question or comment"),
        validators=[DataRequired(REQUIRED), Length(max=3000)],
    )
    update_id = HiddenField()
    show_name = BooleanField(_l("Show my name with it"))
    language = content_language_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()
        self.kind.choices = [
            SelectChoice("question", _("A question: the city answers in public")),
            SelectChoice("comment", _("A comment")),
        ]


class AnswerForm(FlaskForm):
    body = TextAreaField(
        _l("Public answer"), validators=[DataRequired(REQUIRED), Length(max=5000)]
    )
    language = content_language_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()


class HideForm(FlaskForm):
    reason = StringField(
        _l("Reason, shown in its place"),
        validators=[DataRequired(REQUIRED), Length(max=500)],
    )


class DigestForm(FlaskForm):
    frequency = RadioField(_l("Email me"), validators=[DataRequired(REQUIRED)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.frequency.choices = named_choices(DIGEST_FREQUENCIES)
