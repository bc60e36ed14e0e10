"""Forms of the API keys page."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired, Length

from participation.formtools import REQUIRED


class IssueKeyForm(FlaskForm):
    name = StringField(
        _l("Name of the client"),
        description=_l("Who uses the key, e.g. the app or the organisation."),
        validators=[DataRequired(REQUIRED), Length(max=120)],
    )


class RevokeKeyForm(FlaskForm):
    prefix = HiddenField(validators=[DataRequired(REQUIRED)])
