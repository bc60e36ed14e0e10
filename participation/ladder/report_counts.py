"""The city report's counts of people and of fixes: which engagements a report
covers (a period, a district), reach, return and age groups from the people counted
ahead (ladder/people.py), and what residents reported that was fixed."""

from collections import defaultdict
from datetime import datetime

from sqlalchemy import case, func, select, union_all

from participation.auth.models import AGE_GROUPS, User
from participation.core.models import District, Engagement, counted_moment
from participation.extensions import db
from participation.ladder import people as counted_people
from participation.ladder import reach
from participation.ladder.figures import quarter_label
from participation.ladder.models import Participant, PeopleTally, QuarterCount
from participation.ladder.observers import fixable_selects
from participation.ladder.reach import QuarterPeople


def engagements_in(start: datetime | None, end: datetime | None, district_id):
    """A SELECT of the engagements a report covers: the city's (not archives),
    opened in [start, end), in a district."""
    query = select(Engagement.id).where(Engagement.counts_for_city)
    # An attached import is dated from its attachment (counted_moment).
    opened = counted_moment(Engagement.opens_at)
    if start is not None:
        query = query.where(opened >= start)
    if end is not None:
        query = query.where(opened < end)
    if district_id is not None:
        query = query.where(Engagement.district_id == district_id)
    return query


def in_scope(column, start, end, district_id):
    """A condition on an engagement id column: the report's engagements (for the
    whole city at all times, only the few archives left out, so the counts read
    their indexes alone)."""
    if start is None and end is None and district_id is None:
        return column.not_in(select(Engagement.id).where(~Engagement.counts_for_city))
    return column.in_(engagements_in(start, end, district_id))


def people_reached(start=None, end=None, district_id=None) -> dict:
    """Reach by district, the return rate (both for the whole period and by quarter)
    and the age groups people chose to give, from the people counted ahead
    (ladder/people.py): each account once, each contribution without one once. A
    resident returns when they take part in more than one engagement; their first is
    the earliest opened."""
    counted_people.refresh()
    P, T = Participant, PeopleTally
    within = in_scope(P.engagement_id, start, end, district_id)
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
    opened = counted_people.quarter_of(counted_moment(Engagement.opens_at))
    for quarter, district, n in db.session.execute(
        select(opened, Engagement.district_id, func.sum(T.anonymous))
        .join(T, T.engagement_id == Engagement.id)
        .where(in_scope(T.engagement_id, start, end, district_id), T.anonymous > 0)
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
    within = in_scope(P.engagement_id, start, end, district_id)
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


def fixes(start=None, end=None, district_id=None) -> dict:
    """What residents reported that was fixed (the packages' fixable rows, see
    observers.register_fixable), and the median days to fix, for the whole period and
    per quarter the reports were made in (medians by offset and by rank: the same SQL
    on SQLite and PostgreSQL)."""
    selects = fixable_selects()
    if not selects:
        return {
            "reports": 0,
            "fixed_share": None,
            "median_days_to_fix": None,
            "by_quarter": {},
        }
    rows = (selects[0] if len(selects) == 1 else union_all(*selects)).subquery()
    chosen = engagements_in(start, end, district_id).subquery()
    base = select(rows).join(chosen, chosen.c.id == rows.c.engagement_id)
    days = (
        (func.julianday(rows.c.fixed_at) - func.julianday(rows.c.made_at))
        if (db.engine.dialect.name == "sqlite")
        else (func.extract("epoch", rows.c.fixed_at - rows.c.made_at) / 86400)
    )
    fixed = base.where(rows.c.fixed_at.is_not(None))
    made = counted_people.quarter_of(rows.c.made_at)
    # The median of each quarter in one query: the middle row of each, by rank.
    ranked = fixed.with_only_columns(
        made.label("quarter"),
        days.label("days"),
        func.row_number().over(partition_by=made, order_by=days).label("rank"),
        func.count().over(partition_by=made).label("n"),
    ).subquery()
    medians = dict(
        db.session.execute(
            select(ranked.c.quarter, ranked.c.days).where(
                ranked.c.rank == ranked.c.n // 2 + 1
            )
        ).all()
    )
    counts = base.with_only_columns(
        made, func.count(), func.count(rows.c.fixed_at)
    ).group_by(made)
    by_quarter, total, mended_in_all = {}, 0, 0
    for quarter, reports, mended in db.session.execute(counts).all():
        total, mended_in_all = total + reports, mended_in_all + mended
        median = medians.get(quarter)
        by_quarter[quarter_label(quarter)] = {
            "reports": reports,
            "fixed_share": mended / reports,
            "median_days_to_fix": float(median) if median is not None else None,
        }
    median = None
    if mended_in_all:
        median = db.session.scalar(
            fixed.with_only_columns(days)
            .order_by(days)
            .offset(mended_in_all // 2)
            .limit(1)
        )
    return {
        "reports": total,
        "fixed_share": mended_in_all / total if total else None,
        "median_days_to_fix": float(median) if median is not None else None,
        "by_quarter": by_quarter,
    }
