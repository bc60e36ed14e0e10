"""What the platform observes of a consultation, for the ladder and for translation
figures: inputs, official replies and their delays, dates, the published report."""

import statistics
from datetime import datetime
from typing import Any

from sqlalchemy import select

from participation.consultations.models import Comment, Consultation, OfficialReply
from participation.consultations.survey_models import Answer, Response
from participation.core.contributions import register_source
from participation.extensions import db
from participation.ladder.facts import DECLARED, DOCUMENTED, Fact
from participation.ladder.observers import (
    register_dependency,
    register_observer,
    register_participation,
    register_report_figures,
)

# A consultation's commitment, in the ladder's words.
COMMITMENT_FACTS = {
    "advisory": "advisory",
    "respond_all": "respond_to_every_input",
    "binding": "binding",
}


def _inputs(
    consultation: Consultation,
) -> list[tuple[int | None, int | None, datetime]]:
    """(comment id, response id, submitted at) of every input."""
    comments = db.session.execute(
        select(Comment.id, Comment.created_at).where(
            Comment.consultation_id == consultation.id
        )
    )
    responses = db.session.execute(
        select(Response.id, Response.created_at).where(
            Response.consultation_id == consultation.id
        )
    )
    return [(c, None, at) for c, at in comments] + [
        (None, r, at) for r, at in responses
    ]


@register_observer("consultation")
def consultation_facts(consultation: Consultation) -> dict[str, Any]:
    """The observed facts of LADDER.md this consultation can speak to."""
    inputs = _inputs(consultation)
    replies = {
        (comment_id, response_id): created_at
        for comment_id, response_id, created_at in db.session.execute(
            select(
                OfficialReply.comment_id,
                OfficialReply.response_id,
                OfficialReply.created_at,
            ).where(OfficialReply.consultation_id == consultation.id)
        )
    }
    delays = [
        (replies[(c, r)] - at).total_seconds() / 86400
        for c, r, at in inputs
        if (c, r) in replies
    ]
    commitment = COMMITMENT_FACTS.get(consultation.commitment)
    return {
        "input_kind": "feedback",
        # The commitment is the planners' word, documented when they linked it.
        "bindingness": Fact(
            commitment,
            DOCUMENTED if consultation.commitment_url else DECLARED,
            consultation.commitment_url or "",
        )
        if commitment
        else None,
        "responses": {
            "contributions": len(inputs),
            "answered_share": len(delays) / len(inputs) if inputs else None,
            "median_days_to_respond": statistics.median(delays) if delays else None,
        },
        "report_published": consultation.report_published_at is not None,
        "report_published_at": consultation.report_published_at,
    }


@register_source("consultation")
def consultation_inputs(consultation: Consultation) -> list[tuple[str, str]]:
    """Each response (its free text) and each comment, in its language."""
    texts: dict[int, list[str]] = {}
    languages: dict[int, str] = {}
    for response_id, language, text in db.session.execute(
        select(Response.id, Response.language, Answer.text)
        .outerjoin(Answer, Answer.response_id == Response.id)
        .where(Response.consultation_id == consultation.id)
    ):
        languages[response_id] = language
        if text:
            texts.setdefault(response_id, []).append(text)
    pairs = [
        ("\n".join(texts.get(rid, [])), language) for rid, language in languages.items()
    ]
    pairs += [
        (body, language)
        for body, language in db.session.execute(
            select(Comment.body, Comment.language).where(
                Comment.consultation_id == consultation.id
            )
        )
    ]
    return pairs


for _model in (Comment, Response, OfficialReply):
    register_dependency(_model, lambda row: row.consultation_id)


register_participation(
    lambda: select(Response.consultation_id, Response.user_id, Response.created_at),
    Response,
    lambda response: response.consultation_id,
)
register_participation(
    lambda: select(Comment.consultation_id, Comment.author_id, Comment.created_at),
    Comment,
    lambda comment: comment.consultation_id,
)


@register_report_figures
def response_reports():
    """The city report's "what we heard, what we did": published or not."""
    return select(
        Consultation.id.label("engagement_id"),
        Consultation.report_published_at.is_not(None).label("report_published"),
    )
