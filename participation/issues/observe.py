"""What the platform observes of an issue-reporting channel, for the ladder: service
feedback judged on how many reports got a public response, how fast, and how many
were fixed."""

import statistics
from typing import Any

from sqlalchemy import select

from participation.core.models import IssueChannel
from participation.extensions import db
from participation.issues.models import PUBLIC, Report, StatusChange
from participation.ladder.observers import (
    register_dependency,
    register_fixable,
    register_observer,
    register_participation,
)


@register_observer("issue_channel")
def channel_facts(channel: IssueChannel) -> dict[str, Any]:
    """The observed facts of LADDER.md a reporting channel speaks to."""
    rows = db.session.execute(
        select(Report.created_at, Report.first_response_at, Report.fixed_at).where(
            Report.engagement_id == channel.id, *PUBLIC
        )
    ).all()
    delays = [
        (answered - created).total_seconds() / 86400
        for created, answered, _fixed in rows
        if answered
    ]
    fixed = [
        (done - created).total_seconds() / 86400 for created, _a, done in rows if done
    ]
    return {
        "input_kind": "feedback",
        "responses": {
            "contributions": len(rows),
            "answered_share": len(delays) / len(rows) if rows else None,
            "median_days_to_respond": statistics.median(delays) if delays else None,
        },
        "fixes": {
            "fixed_share": len(fixed) / len(rows) if rows else None,
            "median_days_to_fix": statistics.median(fixed) if fixed else None,
        },
    }


register_dependency(Report, lambda report: report.engagement_id)
register_dependency(
    StatusChange,
    lambda change: select(Report.engagement_id).where(Report.id == change.report_id),
)


def _reporters():
    return select(Report.engagement_id, Report.reporter_id, Report.created_at).where(
        Report.engagement_id.is_not(None), *PUBLIC
    )


register_participation(_reporters, Report, lambda report: report.engagement_id)


@register_fixable
def _fixable():
    """Issue reports for the city report's fixes (hidden ones left out)."""
    return select(
        Report.engagement_id,
        Report.created_at.label("made_at"),
        Report.fixed_at,
    ).where(*PUBLIC)
