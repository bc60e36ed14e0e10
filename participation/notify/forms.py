"""The forms of notify's pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import DataRequired

from participation.formtools import REQUIRED, named_choices
from participation.markers import N_

# The reader's form data, as Flask-WTF reads it by default.
_AUTO = object()


class RetryForm(FlaskForm):
    """An admin sends a failed email again (a button: CSRF only)."""


# How a person may hear of a kind of event (notify/preferences.py CHOICES).
CHOICE_NAMES = {
    "immediately": N_("Immediately"),
    "digest": N_("In the digest"),
    "never": N_("Never"),
}


def settings_form(kinds, formdata=_AUTO):
    """A form with one select per kind of event that applies to the reader."""

    class SettingsForm(FlaskForm):
        pass

    for kind in kinds:
        setattr(
            SettingsForm,
            f"kind_{kind.key}",
            SelectField(
                _l(kind.label),
                choices=named_choices(CHOICE_NAMES),
                validators=[DataRequired(REQUIRED)],
            ),
        )
    return SettingsForm() if formdata is _AUTO else SettingsForm(formdata=formdata)
