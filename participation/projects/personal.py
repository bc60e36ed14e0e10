"""What project threads hold of a person: updates, decisions, questions, follows."""

from participation.auth.personal_data import DELETE, FORGET
from participation.auth.personal_data import register as holds
from participation.projects.models import (
    Decision,
    DigestPreference,
    ProjectAnswer,
    ProjectQuestion,
    ProjectUpdate,
    Subscription,
)

# Project threads: what was said and answered in public stays; follows go.
holds(
    ProjectUpdate.author_id,
    "project_updates",
    FORGET,
    "id project=project_id title body created_at",
)
holds(
    Decision.recorded_by_id,
    "project_decisions",
    FORGET,
    "id project=project_id title decided_by decided_at created_at",
)
holds(
    ProjectQuestion.author_id,
    "project_questions",
    FORGET,
    "id project=project_id update=update_id kind body name_shown=show_name "
    "created_at answer=answer.body",
)
holds(
    ProjectAnswer.author_id,
    "project_answers",
    FORGET,
    "id question=question_id body created_at edited_at",
)
holds(
    Subscription.user_id,
    "following",
    DELETE,
    "id what=target which=key since=created_at",
)
holds(DigestPreference.user_id, "email_digest", DELETE, "frequency last_sent_at")
