"""Rules for translations people make: planners publish reviewed translations."""

from typing import Any

from flask_babel import gettext as _

from participation.auth.permissions import require
from participation.core.audit import record_action
from participation.errors import Invalid
from participation.extensions import db
from participation.i18n.models import DONE, ContentTranslation
from participation.lookup import stored
from participation.types import utcnow


def get_translation(translation_id: int) -> ContentTranslation:
    """The translation row with this id, or NotFound."""
    return stored(ContentTranslation, translation_id, "translation")


def publish_reviewed_translation(
    actor: Any, translation_id: int, text: str
) -> ContentTranslation:
    """Replace a machine translation with one a person checked (planners)."""
    require(actor, "review_translation")
    row = get_translation(translation_id)
    text = text.strip()
    if not text:
        raise Invalid({"text": _("This field is required.")})
    if len(text) > 50_000:
        raise Invalid({"text": _("Use at most %(limit)d characters.", limit=50_000)})
    before = {"translated": row.translated, "engine": row.engine}
    row.translated, row.status, row.error = text, DONE, None
    row.reviewed_by_id, row.reviewed_at = actor.id, utcnow()
    row.translated_at = row.translated_at or row.reviewed_at
    record_action(
        actor,
        "translation.review",
        "content_translation",
        row.id,
        before,
        {"translated": text},  # the entry's actor is the reviewer
    )
    db.session.commit()
    return row
