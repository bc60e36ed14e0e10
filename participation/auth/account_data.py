"""A person's own data: export it, or delete the account."""

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import String, cast, delete, literal, select, update
from werkzeug.security import check_password_hash

from participation.auth.models import ADMIN, RoleGrant, User
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
from participation.core.models import AuditEntry, District, Engagement, Project
from participation.errors import Invalid
from participation.extensions import db
from participation.issues.models import Follow, Report, StatusChange, Support
from participation.ladder.people import forget_account
from participation.notify.models import Notification, OutboxMessage
from participation.projects.models import (
    Decision,
    DigestPreference,
    ProjectAnswer,
    ProjectQuestion,
    ProjectUpdate,
    Subscription,
)

# Columns elsewhere that point at an account; on deletion they forget who it was.
AUTHOR_COLUMNS = [
    Project.created_by_id,
    Engagement.created_by_id,
    AuditEntry.actor_id,
    RoleGrant.granted_by_id,
    Report.reporter_id,
    StatusChange.actor_id,
    Response.user_id,
    Comment.author_id,
    OfficialReply.actor_id,
    Clarification.actor_id,
    ClosingChange.actor_id,
    Proposal.author_id,
    Ballot.user_id,
    Ballot.entered_by_id,
    Ballot.checked_by_id,
    User.district_verified_by_id,
    ProjectUpdate.author_id,
    Decision.recorded_by_id,
    ProjectQuestion.author_id,
    ProjectAnswer.author_id,
]
# Rows that only make sense with the account; removed with it (counts stay).
OWNED_ROWS = [
    Support.user_id,
    Follow.user_id,
    Notification.user_id,
    CommentSupport.user_id,
    SectionSupport.user_id,
    ProposalSupport.user_id,
    Subscription.user_id,
    DigestPreference.user_id,
]


def export_account(user: User) -> dict[str, Any]:
    """Everything the platform holds about this account, as JSON-ready data."""
    actions = db.session.scalars(
        select(AuditEntry).where(AuditEntry.actor_id == user.id).order_by(AuditEntry.id)
    )
    district = db.session.get(District, user.district_id) if user.district_id else None
    return {
        "format": "participation.account-export/1",
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "preferred_language": user.locale,
            "district": district.name if district else None,
            "age_group": user.age_group,
            "age_group_consented_at": user.age_group_consented_at.isoformat()
            if user.age_group_consented_at
            else None,
            "roles": sorted(user.roles),
            "created_at": user.created_at.isoformat(),
        },
        "reports": [
            {
                "id": report.id,
                "title": report.title,
                "description": report.description,
                "lat": report.lat,
                "lon": report.lon,
                "status": report.status,
                "name_shown": report.show_name,
                "created_at": report.created_at.isoformat(),
            }
            for report in db.session.scalars(
                select(Report).where(Report.reporter_id == user.id).order_by(Report.id)
            )
        ],
        "consultation_responses": [
            {
                "consultation": response.consultation_id,
                "language": response.language,
                "submitted_at": response.created_at.isoformat(),
                "updated_at": response.updated_at.isoformat(),
                "answers": [
                    {
                        "question": answer.question_id,
                        "choices": answer.choices,
                        "number": answer.number,
                        "text": answer.text,
                        "lat": answer.lat,
                        "lon": answer.lon,
                    }
                    for answer in response.answers
                ],
            }
            for response in db.session.scalars(
                select(Response)
                .where(Response.user_id == user.id)
                .order_by(Response.id)
            )
        ],
        "consultation_comments": [
            {
                "consultation": comment.consultation_id,
                "section": comment.section_id,
                "body": comment.body,
                "name_shown": comment.show_name,
                "created_at": comment.created_at.isoformat(),
            }
            for comment in db.session.scalars(
                select(Comment).where(Comment.author_id == user.id).order_by(Comment.id)
            )
        ],
        "budget_proposals": [
            {
                "id": proposal.id,
                "budget": proposal.budget_id,
                "title": proposal.title,
                "description": proposal.description,
                "cost": proposal.cost,
                "lat": proposal.lat,
                "lon": proposal.lon,
                "verdict": proposal.verdict,
                "name_shown": proposal.show_name,
                "created_at": proposal.created_at.isoformat(),
            }
            for proposal in db.session.scalars(
                select(Proposal)
                .where(Proposal.author_id == user.id)
                .order_by(Proposal.id)
            )
        ],
        "budget_proposals_supported": list(
            db.session.scalars(
                select(ProposalSupport.proposal_id)
                .where(ProposalSupport.user_id == user.id)
                .order_by(ProposalSupport.proposal_id)
            )
        ),
        "budget_ballots": [
            {
                "budget": ballot.budget_id,
                "receipt": ballot.receipt,
                "projects": [
                    {"proposal": item.proposal_id, "points": item.points}
                    for item in ballot.items
                ],
                "cast_at": ballot.created_at.isoformat(),
                "updated_at": ballot.updated_at.isoformat(),
            }
            for ballot in db.session.scalars(
                select(Ballot).where(Ballot.user_id == user.id).order_by(Ballot.id)
            )
        ],
        "project_questions": [
            {
                "project": question.project_id,
                "update": question.update_id,
                "kind": question.kind,
                "body": question.body,
                "name_shown": question.show_name,
                "created_at": question.created_at.isoformat(),
                "answer": question.answer.body if question.answer else None,
            }
            for question in db.session.scalars(
                select(ProjectQuestion)
                .where(ProjectQuestion.author_id == user.id)
                .order_by(ProjectQuestion.id)
            )
        ],
        "following": [
            {"what": s.target, "which": s.key, "since": s.created_at.isoformat()}
            for s in db.session.scalars(
                select(Subscription)
                .where(Subscription.user_id == user.id)
                .order_by(Subscription.id)
            )
        ],
        "digest_email": getattr(
            db.session.get(DigestPreference, user.id), "frequency", "off"
        ),
        "official_actions": [
            {
                "action": entry.action,
                "target": f"{entry.target_type}/{entry.target_id}",
                "at": entry.created_at.isoformat(),
            }
            for entry in actions
        ],
    }


def delete_account(user: User, password: str) -> None:
    """Delete the account after checking its password; its authorship is forgotten."""
    if not check_password_hash(user.password_hash, password):
        raise Invalid({"password": _("This is not your current password.")})
    if user.has_role(ADMIN):
        admins = db.session.scalars(select(RoleGrant).where(RoleGrant.role == ADMIN))
        if len(admins.all()) <= 1:
            raise Invalid({"password": _("The last administrator cannot be removed.")})
    # Ballots stay counted, without their voter: the key that kept one ballot per
    # person no longer names the account (whose id the database may reuse).
    db.session.execute(
        update(Ballot)
        .where(Ballot.user_id == user.id)
        .values(voter_key=literal("deleted:") + cast(Ballot.id, String))
    )
    forget_account(user.id)  # the ladder's count of who took part where
    for column in AUTHOR_COLUMNS:
        db.session.execute(
            update(column.class_).where(column == user.id).values({column.key: None})
        )
    for column in OWNED_ROWS:
        db.session.execute(delete(column.class_).where(column == user.id))
    db.session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.to == user.email, OutboxMessage.sent_at.is_(None)
        )
    )
    db.session.delete(user)
    db.session.commit()
