"""The forms of notify's pages."""

from flask_wtf import FlaskForm


class RetryForm(FlaskForm):
    """An admin sends a failed email again (a button: CSRF only)."""
