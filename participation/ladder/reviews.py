"""Evaluators review engagements: confirm the computed rung or record another with a
written reason and evidence, in an append-only history; and the queue that puts the
engagements most in need of a look first."""

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from participation.auth.permissions import require
from participation.core.audit import record_action
from participation.core.checks import check_text
from participation.core.models import Engagement
from participation.core.rungs import RUNG_NUMBERS
from participation.core.services import get_engagement
from participation.errors import Invalid
from participation.extensions import db
from participation.ladder.assessment import RUNG_1_CANDIDATE, RUNG_2_CANDIDATE
from participation.ladder.models import LadderAssessment, LadderReview
from participation.ladder.services import assessment_of, refresh

LOW_CONFIDENCE = 0.5


def review(
    actor: Any, engagement_id: int, rung: int, reason: str = "", evidence: str = ""
) -> LadderReview:
    """Record an evaluator's rung: the computed one (confirming), or another with a
    written reason. Rungs 1 and 2 are given only by review, never by rule."""
    engagement = get_engagement(engagement_id)
    require(actor, "review_ladder", engagement)
    computed = assessment_of(engagement).rung
    reason, evidence = (reason or "").strip(), (evidence or "").strip()
    errors: dict[str, str] = {}
    if rung not in RUNG_NUMBERS:
        errors["rung"] = _("Choose a rung between 1 and 8.")
    elif rung != computed and not reason:
        errors["reason"] = _(
            "Say why the evidence supports another rung than the computed one."
        )
    check_text(errors, "reason", reason, 5000, required=False)
    check_text(errors, "evidence", evidence, 5000, required=False)
    if errors:
        raise Invalid(errors)
    entry = LadderReview(
        engagement_id=engagement_id,
        reviewer_id=actor.id,
        computed_rung=computed,
        rung=rung,
        reason=reason,
        evidence=evidence,
    )
    db.session.add(entry)
    db.session.flush()
    record_action(
        actor,
        "ladder.review",
        "engagement",
        engagement_id,
        None,
        {"computed_rung": computed, "rung": rung, "reason": reason},
    )
    db.session.commit()
    return entry


def history(engagement_id: int) -> list[LadderReview]:
    """Every review of an engagement, newest first, with its evaluator."""
    return list(
        db.session.scalars(
            select(LadderReview)
            .where(LadderReview.engagement_id == engagement_id)
            .options(selectinload(LadderReview.reviewer))
            .order_by(LadderReview.created_at.desc(), LadderReview.id.desc())
        )
    )


def latest(engagement_id: int) -> LadderReview | None:
    found = history(engagement_id)
    return found[0] if found else None


@dataclass
class QueueItem:
    engagement: Engagement
    assessment: LadderAssessment
    last_review: LadderReview | None
    reasons: list[str]

    @property
    def gap(self) -> int:
        """How far the claim is above the evidence (0 without a claim)."""
        claimed = self.engagement.claimed_rung
        return 0 if claimed is None else claimed - self.assessment.rung


# Why an engagement needs a look, most pressing first.
REASONS = ("candidate", "never_reviewed", "changed", "over_claimed", "low_confidence")


def queue() -> list[QueueItem]:
    """Engagements to review: candidates for rungs 1–2, never reviewed, changed
    since the last review, claimed above the evidence, low confidence — in that
    order; reviewed ones that still match their assessment come last."""
    refresh()
    last_ids = (
        select(func.max(LadderReview.id))
        .group_by(LadderReview.engagement_id)
        .scalar_subquery()
    )
    reviews = {
        r.engagement_id: r
        for r in db.session.scalars(
            select(LadderReview).where(LadderReview.id.in_(last_ids))
        )
    }
    rows = db.session.execute(
        select(Engagement, LadderAssessment)
        .join(LadderAssessment, LadderAssessment.engagement_id == Engagement.id)
        .where(Engagement.counts_for_city)  # archives wait for their attachment
    ).all()
    items = []
    for engagement, assessment in rows:
        last = reviews.get(engagement.id)
        reasons = []
        if {RUNG_1_CANDIDATE, RUNG_2_CANDIDATE} & set(assessment.flags):
            reasons.append("candidate")
        if last is None:
            reasons.append("never_reviewed")
        elif last.computed_rung != assessment.rung:
            reasons.append("changed")
        claimed = engagement.claimed_rung
        if claimed is not None and claimed > assessment.rung:
            reasons.append("over_claimed")
        if assessment.confidence < LOW_CONFIDENCE:
            reasons.append("low_confidence")
        items.append(QueueItem(engagement, assessment, last, reasons))

    def urgency(item: QueueItem):
        return (
            [reason not in item.reasons for reason in REASONS],
            -item.gap,
            item.assessment.confidence,
            item.engagement.id,
        )

    return sorted(items, key=urgency)
