"""Locale selection and machine translation of user content."""

from flask import current_app


def is_supported(code: str | None) -> bool:
    """Whether `code` is one of the languages this installation offers (LOCALES)."""
    return code in current_app.config["LOCALES"]
