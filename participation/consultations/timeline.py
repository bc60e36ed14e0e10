"""Consultations on a project's timeline: results and the response report published."""

from participation.consultations.models import Consultation
from participation.core.timeline import Item, Scope, engagement_events, source


@source("results", "engagements")
def consultation_results(scope: Scope, narrow, limit: int) -> list[Item]:
    return engagement_events(
        Consultation, "results", Consultation.results_published_at, scope, narrow, limit
    )


@source("response_report", "engagements")
def consultation_reports(scope: Scope, narrow, limit: int) -> list[Item]:
    return engagement_events(
        Consultation,
        "response_report",
        Consultation.report_published_at,
        scope,
        narrow,
        limit,
    )
