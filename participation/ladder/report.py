"""The city report: per-engagement figures aggregated from the contributions in SQL,
the indicators computed from them (ladder/indicators.py), and the versioned JSON form
that cities publish and compare."""

from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import with_polymorphic

from participation.core.models import Engagement, counted_moment
from participation.extensions import db
from participation.ladder import figures as fig
from participation.ladder import indicators as ind
from participation.ladder import people as counted_people
from participation.ladder.models import LadderAssessment, LadderReview, PeopleTally
from participation.ladder.observers import report_figure_selects
from participation.ladder.reach import NO_PEOPLE
from participation.ladder.report_counts import fixes, in_scope, people_reached
from participation.ladder.services import KIND, refresh
from participation.types import utcnow

FORMAT = "participation-city-report"
VERSION = 1


def figures(
    start: datetime | None = None,
    end: datetime | None = None,
    district_id: int | None = None,
) -> list[fig.EngagementFigures]:
    """One row of figures per engagement opened in [start, end) (in a district);
    stale or missing assessments and people tallies are brought up to date first."""
    refresh()  # the assessments
    counted_people.refresh()
    # Plain columns, not objects: the subclasses' own columns come in the same
    # query instead of one load per engagement.
    rows = db.session.execute(
        select(
            Engagement.id,
            Engagement.kind,
            Engagement.project_id,
            Engagement.district_id,
            Engagement.opens_at,
            Engagement.closes_at,
            Engagement.claimed_rung,
            LadderAssessment.rung,
            LadderAssessment.contributions,
            LadderAssessment.answered_share,
            LadderAssessment.median_days_to_answer,
            LadderAssessment.options_adopted,
            LadderAssessment.binding,
            LadderAssessment.winners,
            LadderAssessment.implemented,
            LadderAssessment.on_time,
            LadderAssessment.recurring,
            LadderAssessment.decided_before_opening,
            LadderAssessment.lead_days,
            (PeopleTally.accounts + PeopleTally.anonymous).label("participants"),
            counted_moment(Engagement.opens_at).label("counted_at"),
        )
        .select_from(Engagement.__table__)
        .where(in_scope(Engagement.id, start, end, district_id))
        .join(LadderAssessment, LadderAssessment.engagement_id == Engagement.id)
        .outerjoin(PeopleTally, PeopleTally.engagement_id == Engagement.id)
    )
    last = select(func.max(LadderReview.id)).group_by(LadderReview.engagement_id)
    reviewed = dict(
        db.session.execute(
            select(LadderReview.engagement_id, LadderReview.rung).where(
                LadderReview.id.in_(last)
            )
        ).all()
    )
    extra = _package_figures()
    out = []
    for (
        id_,
        kind,
        project_id,
        in_district,
        opens_at,
        closes_at,
        claimed,
        evidenced,
        contributions,
        answered_share,
        median_days,
        adopted,
        binding,
        winners,
        implemented,
        on_time,
        recurring,
        decided_first,
        lead_days,
        participants,
        counted_at,
    ) in rows:
        contributions = contributions or 0
        given = extra.get(id_, {})
        at_stake = float(given.get("money") or 0)
        out.append(
            fig.EngagementFigures(
                id=id_,
                kind=KIND[kind],
                project_id=project_id,
                district_id=in_district,
                opens_at=opens_at,
                closes_at=closes_at,
                claimed=claimed,
                evidenced=evidenced,
                reviewed=reviewed.get(id_),
                money=at_stake,
                participants=participants or 0,
                contributions=contributions,
                answered=round(contributions * (answered_share or 0)),
                median_days_to_answer=median_days,
                report_published=given.get("report_published"),
                resident_options_adopted=adopted or 0,
                binding_money=at_stake if binding and kind == "budget_process" else 0,
                winners=winners or 0,
                implemented=implemented or 0,
                on_time=on_time or 0,
                recurring=bool(recurring),
                decided_before_opening=decided_first,
                lead_days=lead_days,
                counted_at=counted_at,
            )
        )
    return out


def _package_figures() -> dict[int, dict[str, Any]]:
    """The figures packages add to their engagements' rows (money at stake, whether
    the response report is out), by engagement id."""
    extra: dict[int, dict[str, Any]] = {}
    for query in report_figure_selects():
        for row in db.session.execute(query).mappings():
            values = dict(row)
            extra.setdefault(values.pop("engagement_id"), {}).update(values)
    return extra


def continuity(rows: list[fig.EngagementFigures]) -> dict:
    """Projects with recurring engagement, and the longest silences."""
    projects = {r.project_id for r in rows}
    if not projects:
        return {"projects": 0, "recurring_share": None, "longest_silences": []}
    values = db.session.execute(
        select(
            Engagement.project_id,
            func.max(case((LadderAssessment.recurring.is_(True), 1), else_=0)),
            func.max(LadderAssessment.longest_gap_days),
        )
        .join(LadderAssessment, LadderAssessment.engagement_id == Engagement.id)
        .where(Engagement.project_id.in_(projects))
        .group_by(Engagement.project_id)
    ).all()
    recurring = sum(bool(r) for _, r, _ in values)
    silences = sorted(
        ((pid, days or 0) for pid, _, days in values), key=lambda pair: -pair[1]
    )[:5]
    return {
        "projects": len(values),
        "recurring_share": recurring / len(values) if values else None,
        "longest_silences": [{"project": p, "days": d} for p, d in silences],
    }


def city_report(
    start: datetime | None = None,
    end: datetime | None = None,
    district_id: int | None = None,
    city_name: str = "",
) -> dict[str, Any]:
    """The whole report as the documented, versioned JSON format."""
    now = utcnow()
    rows = figures(start, end, district_id)
    counted = people_reached(start, end, district_id)
    result = ind.indicators(rows, now)
    return {
        "format": FORMAT,
        "version": VERSION,
        "city": city_name,
        "generated_at": now.isoformat(),
        "period": {
            "from": start.isoformat() if start else None,
            "to": end.isoformat() if end else None,
        },
        "district": district_id,
        "engagements": result.engagements,
        "distribution": result.distribution,
        "citizen_power": result.citizen_power,
        "over_claim": result.over_claim,
        "timeliness": result.timeliness,
        "responsiveness": result.responsiveness,
        "influence": result.influence,
        "delivery": {**result.delivery, "issues": fixes(start, end, district_id)},
        "reach": counted["reach"],
        "continuity": continuity(rows),
        "return_rate": counted["return_rate"],
        "trend": {
            quarter: {**figures, **counted["trend"].get(quarter, NO_PEOPLE)}
            for quarter, figures in result.trend.items()
        },
        "marks": [
            {
                "engagement": r.id,
                "claimed": r.claimed,
                "evidenced": r.evidenced,
                "reviewed": r.reviewed,
                "kind": r.kind,
            }
            for r in rows
        ],
    }


LISTED, DRAWN = 200, 300


def page_marks(marks: list[dict]) -> tuple[list[dict], list[dict]]:
    """What the page shows of the engagements: at most LISTED in the table (the
    largest over-claims first; the CSV has them all), and the chart's marks — one per
    engagement (with its figures, to name and link it), or beyond DRAWN one per
    (claimed, shown) pair with its count."""

    def shown(mark):
        return mark["reviewed"] or mark["evidenced"]

    def gap(mark):  # how far the evidence is below the claim (none without one)
        return shown(mark) - (mark["claimed"] or shown(mark))

    listed = sorted(marks, key=lambda m: (gap(m), m["engagement"]))
    if len(marks) <= DRAWN:
        chart = [{**m, "shown": shown(m), "count": 1} for m in marks]
    else:
        counts: dict[tuple[int, int], int] = {}
        for m in marks:
            key = (m["claimed"], shown(m))
            counts[key] = counts.get(key, 0) + 1
        chart = [
            {"claimed": c, "shown": e, "count": n}
            # no claim (None) sorts first
            for (c, e), n in sorted(
                counts.items(), key=lambda p: (p[0][0] or 0, p[0][1])
            )
        ]
    return listed[:LISTED], chart


def behind(
    start: datetime | None,
    end: datetime | None,
    district_id: int | None,
    figure: str | None,
    rung_number: int | None,
    quarter: str | None,
) -> list[fig.EngagementFigures]:
    """The engagements behind a figure of the report, the largest over-claims first
    (as the page lists them)."""
    rows = fig.behind(
        figures(start, end, district_id), utcnow(), figure, rung_number, quarter
    )
    return sorted(rows, key=lambda r: (r.rung - (r.claimed or r.rung), r.id))


def engagements_by_id(ids: list[int]) -> dict[int, Engagement]:
    """The engagements behind the figures, to name and link them (one query)."""
    if not ids:
        return {}
    # Every kind's own columns in the same query (their texts are read next).
    every_kind = with_polymorphic(Engagement, "*")
    return {
        e.id: e
        for e in db.session.scalars(select(every_kind).where(every_kind.id.in_(ids)))
    }


def rows_as_dicts(rows: list[fig.EngagementFigures]) -> list[dict]:
    return [asdict(r) for r in rows]
