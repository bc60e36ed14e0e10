"""The city report: per-engagement figures aggregated from the contributions in SQL,
the indicators computed from them (ladder/indicators.py), and the versioned JSON form
that cities publish and compare."""

from collections import defaultdict
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select, true
from sqlalchemy.orm import with_polymorphic

from participation.auth.models import AGE_GROUPS, User
from participation.core.models import District, Engagement
from participation.extensions import db
from participation.ladder import indicators as ind
from participation.ladder import people as counted_people
from participation.ladder import reach
from participation.ladder.models import (
    LadderAssessment,
    LadderReview,
    Participant,
    PeopleTally,
    QuarterCount,
)
from participation.ladder.reach import QuarterPeople
from participation.ladder.services import KIND, refresh
from participation.types import utcnow

FORMAT = "participation-city-report"
VERSION = 1
# The people figures of a quarter nobody took part in.
NO_PEOPLE = dict.fromkeys(
    ("participants", "participants_per_1000", "first_time", "returning_share")
)


def _engagements(start: datetime | None, end: datetime | None, district_id):
    query = select(Engagement.id)
    if start is not None:
        query = query.where(Engagement.opens_at >= start)
    if end is not None:
        query = query.where(Engagement.opens_at < end)
    if district_id is not None:
        query = query.where(Engagement.district_id == district_id)
    return query


def _within(column, start, end, district_id):
    """A condition on an engagement id column: the report's engagements (none for the
    whole city at all times, so the counts read their indexes alone)."""
    if start is None and end is None and district_id is None:
        return true()
    return column.in_(_engagements(start, end, district_id))


def figures(
    start: datetime | None = None,
    end: datetime | None = None,
    district_id: int | None = None,
) -> list[ind.EngagementFigures]:
    """One row of figures per engagement opened in [start, end) (in a district);
    stale or missing assessments and people tallies are brought up to date first."""
    from participation.budgeting.models import Budget

    refresh()  # the assessments
    counted_people.refresh()
    from participation.consultations.models import Consultation

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
            Engagement.decided_at,
            Engagement.claimed_rung,
            Consultation.__table__.c.report_published_at,
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
            (PeopleTally.accounts + PeopleTally.anonymous).label("participants"),
        )
        .select_from(Engagement.__table__)
        .where(_within(Engagement.id, start, end, district_id))
        .join(LadderAssessment, LadderAssessment.engagement_id == Engagement.id)
        .outerjoin(PeopleTally, PeopleTally.engagement_id == Engagement.id)
        .outerjoin(
            Consultation.__table__,
            Consultation.__table__.c.id == Engagement.id,
        )
    ).tuples()
    last = select(func.max(LadderReview.id)).group_by(LadderReview.engagement_id)
    reviewed = dict(
        db.session.execute(
            select(LadderReview.engagement_id, LadderReview.rung).where(
                LadderReview.id.in_(last)
            )
        ).all()
    )
    money = dict(
        db.session.execute(
            select(Budget.process_id, func.sum(Budget.amount)).group_by(
                Budget.process_id
            )
        ).all()
    )
    out = []
    for (
        id_,
        kind,
        project_id,
        in_district,
        opens_at,
        closes_at,
        decided_at,
        claimed,
        report_published_at,
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
        participants,
    ) in rows:
        contributions = contributions or 0
        at_stake = float(money.get(id_) or 0)
        out.append(
            ind.EngagementFigures(
                id=id_,
                kind=KIND[kind],
                project_id=project_id,
                district_id=in_district,
                opens_at=opens_at,
                closes_at=closes_at,
                decided_at=decided_at,
                claimed=claimed,
                evidenced=evidenced,
                reviewed=reviewed.get(id_),
                money=at_stake,
                participants=participants or 0,
                contributions=contributions,
                answered=round(contributions * (answered_share or 0)),
                median_days_to_answer=median_days,
                report_published=report_published_at is not None
                if kind == "consultation"
                else None,
                resident_options_adopted=adopted or 0,
                binding_money=at_stake if binding and kind == "budget_process" else 0,
                winners=winners or 0,
                implemented=implemented or 0,
                on_time=on_time or 0,
                recurring=bool(recurring),
            )
        )
    return out


def people(start=None, end=None, district_id=None) -> dict:
    """Reach by district and the return rate, for the whole period and by quarter,
    from the people counted ahead (ladder/people.py): each account once, each
    contribution without one once. A resident returns when they take part in more
    than one engagement; their first is the earliest opened."""
    counted_people.refresh()
    P, T = Participant, PeopleTally
    within = _within(P.engagement_id, start, end, district_id)
    quarters: dict[int, QuarterPeople] = defaultdict(QuarterPeople)
    per_account = (
        select(func.min(P.quarter).label("first"), func.count().label("k"))
        .where(within)
        .group_by(P.user_id)
        .subquery()
    )
    for first, accounts, again in db.session.execute(
        select(
            per_account.c.first,
            func.count(),
            func.sum(case((per_account.c.k > 1, 1), else_=0)),
        ).group_by(per_account.c.first)
    ):
        quarters[first].first_time, quarters[first].returned = accounts, again or 0
    _accounts_by_quarter(quarters, start, end, district_id)
    by_district = dict(
        db.session.execute(
            select(P.district_id, func.count(P.user_id.distinct()))
            .where(within, P.district_id.is_not(None))
            .group_by(P.district_id)
        ).all()
    )
    opened = counted_people.quarter_of(Engagement.opens_at)
    for quarter, district, n in db.session.execute(
        select(opened, Engagement.district_id, func.sum(T.anonymous))
        .join(T, T.engagement_id == Engagement.id)
        .where(_within(T.engagement_id, start, end, district_id), T.anonymous > 0)
        .group_by(opened, Engagement.district_id)
    ):
        quarters[quarter].anonymous += n
        if district is not None:
            by_district[district] = by_district.get(district, 0) + n
            q = quarters[quarter].by_district
            q[district] = q.get(district, 0) + n
    population = dict(
        db.session.execute(select(District.id, District.population)).all()
    )
    ages = dict(
        db.session.execute(
            select(User.age_group, func.count(P.user_id.distinct()))
            .select_from(User)
            .join(P, P.user_id == User.id)
            .where(User.age_group.is_not(None), within)
            .group_by(User.age_group)
        ).all()
    )
    accounts = sum(q.first_time for q in quarters.values())
    again = sum(q.returned for q in quarters.values())
    city = accounts + sum(q.anonymous for q in quarters.values())
    trend, reach_by_quarter = reach.by_quarter(dict(quarters), population)
    return {
        "reach": {
            **reach.reach(by_district, population, city),
            "by_quarter": reach_by_quarter,
            "age_groups": reach.age_groups(ages, list(AGE_GROUPS)),
        },
        "return_rate": reach.returning(accounts, again),
        "trend": trend,
    }


def _accounts_by_quarter(quarters, start, end, district_id) -> None:
    """Distinct accounts per quarter, in the whole scope and per district: for all
    time, as counted ahead per quarter (ladder/people.py); for a period, counted
    here from the participants of its engagements."""
    P, C = Participant, QuarterCount
    if start is None and end is None:
        query = select(C.quarter, C.district_id, C.accounts).where(C.accounts > 0)
        if district_id is not None:
            query = query.where(C.district_id == district_id)
        for quarter, district, accounts in db.session.execute(query):
            if district == 0 or district_id is not None:
                quarters[quarter].accounts = accounts
            if district != 0:
                quarters[quarter].by_district[district] = accounts
        return
    within = _within(P.engagement_id, start, end, district_id)
    for quarter, accounts in db.session.execute(
        select(P.quarter, func.count(P.user_id.distinct()))
        .where(within)
        .group_by(P.quarter)
    ):
        quarters[quarter].accounts = accounts
    for quarter, district, accounts in db.session.execute(
        select(P.quarter, P.district_id, func.count(P.user_id.distinct()))
        .where(within, P.district_id.is_not(None))
        .group_by(P.quarter, P.district_id)
    ):
        quarters[quarter].by_district[district] = accounts


def continuity(rows: list[ind.EngagementFigures]) -> dict:
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


def fixes(start=None, end=None, district_id=None) -> dict:
    """Issue reports fixed, and the median days to fix, for the whole period and per
    quarter the reports were made in (median by offset: the same SQL on SQLite and
    PostgreSQL)."""
    from participation.issues.models import Report

    chosen = _engagements(start, end, district_id).subquery()
    base = (
        select(Report)
        .join(chosen, chosen.c.id == Report.engagement_id)
        .where(Report.hidden_reason.is_(None))
    )
    days = (
        (func.julianday(Report.fixed_at) - func.julianday(Report.created_at))
        if (db.engine.dialect.name == "sqlite")
        else (func.extract("epoch", Report.fixed_at - Report.created_at) / 86400)
    )
    fixed_days = base.where(Report.fixed_at.is_not(None)).with_only_columns(days)

    def median(fixed: int, *where) -> float | None:
        if not fixed:
            return None
        value = db.session.scalar(
            fixed_days.where(*where).order_by(days).offset(fixed // 2).limit(1)
        )
        return float(value) if value is not None else None

    made = counted_people.quarter_of(Report.created_at)
    counts = base.with_only_columns(
        made, func.count(), func.count(Report.fixed_at)
    ).group_by(made)
    by_quarter, total, fixed = {}, 0, 0
    for quarter, reports, mended in db.session.execute(counts).all():
        total, fixed = total + reports, fixed + mended
        begins, ends = ind.quarter_start(quarter), ind.quarter_start(quarter + 1)
        by_quarter[ind.quarter_label(quarter)] = {
            "reports": reports,
            "fixed_share": mended / reports,
            "median_days_to_fix": median(
                mended, Report.created_at >= begins, Report.created_at < ends
            ),
        }
    return {
        "reports": total,
        "fixed_share": fixed / total if total else None,
        "median_days_to_fix": median(fixed),
        "by_quarter": by_quarter,
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
    counted = people(start, end, district_id)
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
    engagement, or beyond DRAWN one per (claimed, shown) pair with its count."""

    def shown(mark):
        return mark["reviewed"] or mark["evidenced"]

    listed = sorted(marks, key=lambda m: (shown(m) - m["claimed"], m["engagement"]))
    if len(marks) <= DRAWN:
        chart = [
            {"claimed": m["claimed"], "shown": shown(m), "count": 1} for m in marks
        ]
    else:
        counts: dict[tuple[int, int], int] = {}
        for m in marks:
            key = (m["claimed"], shown(m))
            counts[key] = counts.get(key, 0) + 1
        chart = [
            {"claimed": c, "shown": e, "count": n}
            for (c, e), n in sorted(counts.items())
        ]
    return listed[:LISTED], chart


def behind(
    start: datetime | None,
    end: datetime | None,
    district_id: int | None,
    figure: str | None,
    rung_number: int | None,
    quarter: str | None,
) -> list[ind.EngagementFigures]:
    """The engagements behind a figure of the report, the largest over-claims first
    (as the page lists them)."""
    rows = ind.behind(
        figures(start, end, district_id), utcnow(), figure, rung_number, quarter
    )
    return sorted(rows, key=lambda r: (r.rung - r.claimed, r.id))


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


def rows_as_dicts(rows: list[ind.EngagementFigures]) -> list[dict]:
    return [asdict(r) for r in rows]
