"""The columns that name an account, table by table: what "Download my data" gives
of their rows, and what "Delete my account" does to them (personal_data.py).

The rule for deletion: what only concerns the person goes (supports, follows,
notifications, settings, emails); what others rely on stays without them (public
contributions, official answers and records, counted ballots, the audit log). An
export record never names another person; it may give the id of what it is about.
"""

from typing import Any

from sqlalchemy import String, cast, literal, update

from participation.auth.models import RoleGrant, SignIn, User
from participation.auth.personal_data import DELETE, FORGET, WITH_ACCOUNT, jsonable
from participation.auth.personal_data import register as holds
from participation.budgeting.models import Ballot, Proposal, ProposalSupport
from participation.consultations.models import (
    Clarification,
    ClosingChange,
    Comment,
    CommentSupport,
    OfficialReply,
    Response,
    SectionSupport,
)
from participation.core.models import AuditEntry, Engagement, Project
from participation.extensions import db
from participation.i18n.models import ContentTranslation
from participation.issues.models import Follow, Report, StatusChange, Support
from participation.ladder.models import LadderReview, Participant, RecordedFact
from participation.ladder.people import forget_account
from participation.notify.models import Notification, OutboxMessage
from participation.open311.models import ApiKey
from participation.projects.models import (
    Decision,
    DigestPreference,
    ProjectAnswer,
    ProjectQuestion,
    ProjectUpdate,
    Subscription,
)


def _action(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "action": entry.action,
        "target": f"{entry.target_type}/{entry.target_id}",
        "at": jsonable(entry.created_at),
    }


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


def _ballot(ballot: Ballot) -> dict[str, Any]:
    return {
        "id": ballot.id,
        "budget": ballot.budget_id,
        "receipt": ballot.receipt,
        "projects": [
            {"proposal": item.proposal_id, "points": item.points}
            for item in ballot.items
        ],
        "cast_at": jsonable(ballot.created_at),
        "updated_at": jsonable(ballot.updated_at),
    }


def _unlink_ballots(user: Any) -> None:
    # Ballots stay counted, without their voter: the key that kept one ballot per
    # person no longer names the account (whose id the database may reuse).
    db.session.execute(
        update(Ballot)
        .where(Ballot.user_id == user.id)
        .values(voter_key=literal("deleted:") + cast(Ballot.id, String))
    )


def _forget_participation(user: Any) -> None:
    # The engagements it took part in are recounted, its contributions anonymous.
    forget_account(user.id)


# The account itself. Roles go with it; roles it granted, districts it verified and
# actions on it (the audit log's target) stay, without naming it.
holds(
    User.district_verified_by_id,
    "districts_verified",
    FORGET,
    "verified_at=district_verified_at",
)
holds(RoleGrant.user_id, "role_grants", WITH_ACCOUNT, "id role granted_at")
# Where it is signed in (no secret: only its hash is stored, and not exported).
holds(SignIn.user_id, "sign_ins", DELETE, "id remember created_at seen_at")
holds(RoleGrant.granted_by_id, "roles_granted", FORGET, "id role granted_at")
holds(
    AuditEntry.target_id,
    "actions_on_account",
    FORGET,
    "id action at=created_at",
    where=lambda user: (
        (AuditEntry.target_type == "user") & (AuditEntry.target_id == user.id)
    ),
)
# Official work is the city's record: it stays, without its author.
holds(AuditEntry.actor_id, "official_actions", FORGET, record=_action)
holds(Project.created_by_id, "projects_created", FORGET, "id title created_at")
holds(
    Engagement.created_by_id, "engagements_created", FORGET, "id kind title created_at"
)
holds(
    ApiKey.created_by_id,
    "api_keys_created",
    FORGET,
    "id name prefix created_at revoked_at",
)
holds(
    ContentTranslation.reviewed_by_id,
    "translations_reviewed",
    FORGET,
    "id source target translated reviewed_at",
)
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

# Issues: a report stays public (others support and follow it); "me too"s and
# follows are the person's alone (the report's count of supports stays).
holds(
    Report.reporter_id,
    "reports",
    FORGET,
    "id title description lat lon status name_shown=show_name created_at",
)
holds(
    StatusChange.actor_id,
    "report_status_changes",
    FORGET,
    "id report=report_id from_status to_status note created_at",
)
holds(Support.user_id, "reports_supported", DELETE, "id report=report_id created_at")
holds(Follow.user_id, "reports_followed", DELETE, "id report=report_id created_at")

# What the platform told the person, in the app and by email (sent or not): theirs.
holds(
    Notification.user_id,
    "notifications",
    DELETE,
    "id report=report_id change=change_id update=update_id decision=decision_id "
    "question=question_id created_at read_at",
)
holds(
    OutboxMessage.to,
    "emails",
    DELETE,
    "id subject created_at sent_at",
    where=lambda user: OutboxMessage.to == user.email,
)

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

# Budgeting: a ballot stays counted (its receipt still checks), a proposal stays on
# the ballot; paper ballots keep their check (Ballot.checked_at) without the staff.
holds(
    Proposal.author_id,
    "budget_proposals",
    FORGET,
    "id budget=budget_id title description cost lat lon verdict name_shown=show_name "
    "created_at",
)
holds(
    ProposalSupport.user_id,
    "budget_proposals_supported",
    DELETE,
    "id proposal=proposal_id",
)
holds(Ballot.user_id, "budget_ballots", FORGET, record=_ballot, first=_unlink_ballots)
holds(
    Ballot.entered_by_id,
    "paper_ballots_entered",
    FORGET,
    "id budget=budget_id entered_at=created_at",
)
holds(
    Ballot.checked_by_id,
    "paper_ballots_checked",
    FORGET,
    "id budget=budget_id checked_at",
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
