"""What consultations hold of a person: answers, comments, supports, official work."""

from typing import Any

from participation.auth.personal_data import DELETE, FORGET, jsonable
from participation.auth.personal_data import register as holds
from participation.consultations.models import (
    ClosingChange,
    Comment,
    CommentSupport,
    OfficialReply,
    SectionSupport,
)
from participation.consultations.survey_models import Clarification, Response


def _response(response: Response) -> dict[str, Any]:
    answers = [
        {
            "question": a.question_id,
            "choices": a.choices,
            "number": a.number,
            "text": a.text,
            "lat": a.lat,
            "lon": a.lon,
        }
        for a in response.answers
    ]
    return {
        "id": response.id,
        "consultation": response.consultation_id,
        "language": response.language,
        "submitted_at": jsonable(response.created_at),
        "updated_at": jsonable(response.updated_at),
        "answers": answers,
    }


# Consultations: answers and comments are counted and answered, so they stay.
holds(Response.user_id, "consultation_responses", FORGET, record=_response)
holds(
    Comment.author_id,
    "consultation_comments",
    FORGET,
    "id consultation=consultation_id section=section_id body name_shown=show_name "
    "created_at",
)
holds(
    CommentSupport.user_id,
    "consultation_comments_supported",
    DELETE,
    "id comment=comment_id created_at",
)
holds(
    SectionSupport.user_id,
    "consultation_sections_supported",
    DELETE,
    "id section=section_id created_at",
)
holds(
    OfficialReply.actor_id,
    "consultation_replies",
    FORGET,
    "id consultation=consultation_id comment=comment_id response=response_id body "
    "created_at",
)
holds(
    Clarification.actor_id,
    "consultation_clarifications",
    FORGET,
    "id question=question_id body created_at",
)
holds(
    ClosingChange.actor_id,
    "consultation_closing_changes",
    FORGET,
    "id consultation=consultation_id old_closes_at new_closes_at reason created_at",
)
