"""Sign-up, sign-in, password, language and role forms."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from participation.auth.models import AGE_GROUPS, GRANTABLE_ROLES
from participation.formtools import REQUIRED, CheckboxesField, named_choices
from participation.languages import language_choices

PASSWORDS_DIFFER = _l("The two passwords do not match.")


def _language_choices(blank_label: str) -> list[SelectChoice]:
    return [SelectChoice("", blank_label), *language_choices()]


class SignUpForm(FlaskForm):
    email = EmailField(
        _l("Email address"),
        description=_l("Used to sign in. Never shown to other people."),
        validators=[DataRequired(REQUIRED), Length(max=254)],
    )
    display_name = StringField(
        _l("Display name (optional)"),
        description=_l("Shown only where you choose to sign something with your name."),
        validators=[Optional(), Length(max=80)],
    )
    password = PasswordField(
        _l("Password"),
        description=_l("At least 10 characters. A short sentence works well."),
        validators=[DataRequired(REQUIRED)],
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(REQUIRED), EqualTo("password", PASSWORDS_DIFFER)],
    )
    locale = SelectField(_l("Preferred language"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale.choices = _language_choices(_("Same as this page"))


class SignInForm(FlaskForm):
    email = EmailField(_l("Email address"), validators=[DataRequired(REQUIRED)])
    password = PasswordField(_l("Password"), validators=[DataRequired(REQUIRED)])
    remember = BooleanField(_l("Keep me signed in on this device"))


class PasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired(REQUIRED)]
    )
    new_password = PasswordField(
        _l("New password"),
        description=_l("At least 10 characters."),
        validators=[DataRequired(REQUIRED)],
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(REQUIRED), EqualTo("new_password", PASSWORDS_DIFFER)],
    )


class LanguageForm(FlaskForm):
    locale = SelectField(_l("Preferred language"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale.choices = _language_choices(_("Automatic (from my browser)"))


class DistrictForm(FlaskForm):
    district_id = SelectField(
        _l("District where you live"),
        validators=[Optional()],
        description=_l(
            "Optional. Some consultations and budgets are open to a district's "
            "residents only."
        ),
    )

    def __init__(self, districts, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.district_id.choices = [SelectChoice("", _("I'd rather not say"))] + [
            SelectChoice(str(d.id), d.name) for d in districts
        ]


class AgeGroupForm(FlaskForm):
    age_group = SelectField(
        _l("Your age group"),
        validators=[Optional()],
        description=_l(
            "Optional. The city report counts the age groups of the people who take "
            "part, all together, never for fewer than 10 people, so the city can see "
            "whom it does not reach."
        ),
    )
    consent = BooleanField(
        _l("Count my age group, with everyone else's, in the city's report")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.age_group.choices = [
            SelectChoice("", _("I'd rather not say")),
            *named_choices(AGE_GROUPS),
        ]


class RolesForm(FlaskForm):
    roles = CheckboxesField(_l("Roles"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.roles.choices = named_choices(GRANTABLE_ROLES)


class DeleteAccountForm(FlaskForm):
    password = PasswordField(
        _l("Your password"),
        description=_l("To confirm that you want to delete your account."),
        validators=[DataRequired(REQUIRED)],
    )


class SignOutEverywhereForm(FlaskForm):
    """Ends every sign-in of the account, this one included (a button: CSRF only)."""


class LockForm(FlaskForm):
    """An administrator locks or unlocks an account, saying why."""

    reason = StringField(
        _l("Reason (recorded in the audit log)"),
        validators=[DataRequired(REQUIRED), Length(max=300)],
    )


class EmailForm(FlaskForm):
    """An address to send a link to: a new confirmation link, a forgotten password."""

    email = EmailField(
        _l("Email address"), validators=[DataRequired(REQUIRED), Length(max=254)]
    )


class ConfirmForm(FlaskForm):
    """The button a link's page shows, so that following a link does nothing by
    itself (mail scanners open links)."""


class NewPasswordForm(FlaskForm):
    new_password = PasswordField(
        _l("New password"),
        description=_l("At least 10 characters. A short sentence works well."),
        validators=[DataRequired(REQUIRED)],
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(REQUIRED), EqualTo("new_password", PASSWORDS_DIFFER)],
    )


class EmailChangeForm(FlaskForm):
    email = EmailField(
        _l("New email address"),
        description=_l("We send a link to it; the change is made when you follow it."),
        validators=[DataRequired(REQUIRED), Length(max=254)],
    )
    password = PasswordField(_l("Current password"), validators=[Optional()])
