"""What the ladder holds of a person: facts recorded, reviews, being counted."""

from typing import Any

from participation.auth.personal_data import DELETE, FORGET
from participation.auth.personal_data import register as holds
from participation.ladder.models import LadderReview, Participant, RecordedFact
from participation.ladder.people import forget_account


def _forget_participation(user: Any) -> None:
    # The engagements it took part in are recounted, its contributions anonymous.
    forget_account(user.id)


holds(
    RecordedFact.recorded_by_id,
    "ladder_facts_recorded",
    FORGET,
    "id engagement=engagement_id key value provenance evidence recorded_at",
)
holds(
    LadderReview.reviewer_id,
    "ladder_reviews",
    FORGET,
    "id engagement=engagement_id computed_rung rung reason evidence created_at",
)
holds(
    Participant.user_id,
    "counted_as_taking_part",
    DELETE,
    "engagement=engagement_id contributions",
    first=_forget_participation,
)
