"""Consultations on a project's timeline: results and the response report published."""

from sqlalchemy import select

from participation.consultations.models import Consultation
from participation.core.models import counted_moment
from participation.core.timeline import Item, Scope, source
from participation.extensions import db


def _consultation_events(name: str, column, scope: Scope, narrow, limit: int):
    at = counted_moment(column)
    query = select(Consultation, at).where(
        Consultation.project_id.in_(scope.project_ids),
        Consultation.counts_for_city,
        column.is_not(None),
    )
    query = narrow(query, at, Consultation.id)
    return [
        Item(moment, name, c.id, c, c.project_id)
        for c, moment in db.session.execute(query.limit(limit))
    ]


@source("results", "engagements")
def consultation_results(scope: Scope, narrow, limit: int) -> list[Item]:
    return _consultation_events(
        "results", Consultation.results_published_at, scope, narrow, limit
    )


@source("response_report", "engagements")
def consultation_reports(scope: Scope, narrow, limit: int) -> list[Item]:
    return _consultation_events(
        "response_report", Consultation.report_published_at, scope, narrow, limit
    )
