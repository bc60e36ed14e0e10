"""The report form and the staff forms."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from participation.formtools import REQUIRED, CoordinateField, optional_int
from participation.languages import language_choices


class ReportForm(FlaskForm):
    """The report form. The service checks category, place and language against the
    city's lists, so a submission needs no lists: `offer` fills them to show the form."""

    category_id = SelectField(
        _l("Category"),
        coerce=optional_int,
        validators=[DataRequired(REQUIRED)],
        validate_choice=False,
    )
    title = StringField(
        _l("What is the problem?"),
        description=_l("A short title, e.g. “Street light out on Mill Lane”."),
        validators=[DataRequired(REQUIRED), Length(max=120)],
    )
    description = TextAreaField(
        _l("Details (optional)"),
        description=_l("What you see, since when, anything that helps staff find it."),
        validators=[Optional(), Length(max=4000)],
    )
    lat = CoordinateField(
        _l("Latitude"),
        description=_l("Filled in when you drop a pin on the map, or type it."),
        validators=[Optional()],
    )
    lon = CoordinateField(_l("Longitude"), validators=[Optional()], limit=180)
    landmark_id = SelectField(
        _l("Or choose a street or place"),
        coerce=optional_int,
        validators=[Optional()],
        validate_choice=False,
    )
    location_text = StringField(
        _l("Street or landmark (optional)"),
        validators=[Optional(), Length(max=300)],
    )
    photo = FileField(
        _l("Photo (optional)"),
        description=_l(
            "JPEG, PNG, WebP or GIF, up to 8 MB. Location and camera data are removed."
        ),
    )
    language = SelectField(
        _l("Language of your report"),
        validators=[DataRequired(REQUIRED)],
        validate_choice=False,
    )
    show_name = BooleanField(_l("Show my name with this report"))

    def offer(self, categories, landmarks=()) -> "ReportForm":
        """Fill the choices of the select fields, to show the form."""
        groups: dict[str, list[SelectChoice]] = {}
        for landmark in landmarks:
            district = (
                landmark.district.name if landmark.district else _("Other places")
            )
            groups.setdefault(district, []).append(
                SelectChoice(str(landmark.id), landmark.name, optgroup=district)
            )
        none = _("None: I use the map or coordinates")
        # Each district's places side by side: WTForms opens one optgroup per run.
        self.landmark_id.choices = [
            SelectChoice("", none, optgroup=_("Not from the list")),
            *(choice for group in groups.values() for choice in group),
        ]
        self.category_id.choices = [SelectChoice("", _("Choose a category"))] + [
            SelectChoice(str(c.id), c.name) for c in categories
        ]
        self.language.choices = language_choices()
        return self


class VisitorReportForm(ReportForm):
    """The report form for a visitor: then their email address, and a name if they
    want (shown only if they tick the box)."""

    email = StringField(
        _l("Your email address"),
        description=_l(
            "We email you a link to confirm it: your report is published then. "
            "No password needed."
        ),
        validators=[DataRequired(REQUIRED), Email(), Length(max=254)],
    )
    display_name = StringField(
        _l("Your name (optional)"), validators=[Optional(), Length(max=80)]
    )


class StatusForm(FlaskForm):
    status = SelectField(_l("New status"), validators=[DataRequired(REQUIRED)])
    note = TextAreaField(
        _l("Public note"),
        description=_l("Residents following the report read it."),
        validators=[DataRequired(REQUIRED), Length(max=4000)],
    )

    def offer(self, statuses) -> "StatusForm":
        """Offer the (key, name) statuses the report may move to."""
        self.status.choices = [SelectChoice(key, name) for key, name in statuses]
        return self


class ReopenForm(FlaskForm):
    reason = TextAreaField(
        _l("Why is it not fixed?"),
        validators=[DataRequired(REQUIRED), Length(max=4000)],
    )
