"""What content translation holds of a person: the translations they reviewed."""

from participation.auth.personal_data import FORGET
from participation.auth.personal_data import register as holds
from participation.i18n.models import ContentTranslation

holds(
    ContentTranslation.reviewed_by_id,
    "translations_reviewed",
    FORGET,
    "id source target translated reviewed_at",
)
