"""The checks services make of what people give: texts, links, languages, districts.
Each notes its error in an `errors` dict (field -> message) for the caller to raise."""

from urllib.parse import urlparse

from flask_babel import gettext as _

from participation.core.models import District
from participation.extensions import db
from participation.languages import is_supported


def check_text(errors: dict, field: str, value: str, limit: int, required=True):
    """Note an error when a text is missing (if required) or too long."""
    if required and not value.strip():
        errors[field] = _("This field is required.")
    elif len(value) > limit:
        errors[field] = _("Use at most %(limit)d characters.", limit=limit)


def check_link(errors: dict, field: str, value: str | None, limit: int = 500) -> str:
    """The link without surrounding spaces; notes an error unless it is empty or an
    absolute http(s) address within `limit` characters."""
    value = (value or "").strip()
    parts = urlparse(value)
    if value and not (parts.scheme in ("http", "https") and parts.netloc):
        errors[field] = _("Give a web address starting with https://.")
    elif len(value) > limit:
        errors[field] = _("Use at most %(limit)d characters.", limit=limit)
    return value


def check_language(errors: dict, language: str) -> None:
    """Note an error unless `language` is one content can be written in."""
    if not is_supported(language):
        errors["language"] = _("Choose a language from the list.")


def check_district(errors: dict, district_id: int | None) -> None:
    """Note an error unless `district_id` is None or a stored district."""
    if district_id is not None and db.session.get(District, district_id) is None:
        errors["district_id"] = _("Choose a district from the list.")
