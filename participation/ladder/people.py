"""Who took part where, counted ahead of the city report (as the map counts its
clusters ahead): per engagement, one Participant row per account with its
contributions and the engagement's district and quarter, and a PeopleTally with the
number of accounts and of contributions made without one. Features declare their
contributions (register_participation); a change marks the engagement's tally stale
(ladder/freshness.py) and refresh() recounts only the stale ones, so the report reads
these small tables, never the contributions.
"""

from sqlalchemy import (
    Integer,
    bindparam,
    case,
    cast,
    delete,
    extract,
    false,
    func,
    inspect,
    select,
    union_all,
    update,
)

from participation.core.models import Engagement, counted_moment
from participation.extensions import db, insert_on_conflict
from participation.ladder.freshness import mark_stale
from participation.ladder.models import Participant, PeopleTally, QuarterCount
from participation.ladder.observers import participation_selects, watch_people
from participation.types import utcnow

BATCH = 500


def quarter_of(column):
    """SQL for the quarter a stored UTC moment falls in, as year × 4 + (quarter − 1):
    figures.quarter_number in SQL, the same on SQLite and PostgreSQL."""
    if db.engine.dialect.name == "postgresql":
        column = func.timezone("UTC", column)  # timestamptz: not the session's zone
    month = extract("month", column)
    return cast(
        extract("year", column) * 4
        + case((month <= 3, 0), (month <= 6, 1), (month <= 9, 2), else_=3),
        Integer,
    )


def _moved(engagement: Engagement) -> int | None:
    """An engagement whose district or opening (or attachment) changed: its
    participants' copies of them are out of date."""
    state = inspect(engagement)
    moved = ("district_id", "opens_at", "attached_at")
    if engagement.id is not None and any(
        state.attrs[name].history.has_changes() for name in moved
    ):
        return engagement.id
    return None


watch_people(Engagement, _moved)


def _stale_ids() -> list[int]:
    return list(
        db.session.scalars(
            select(Engagement.id)
            .outerjoin(PeopleTally, PeopleTally.engagement_id == Engagement.id)
            .where(PeopleTally.engagement_id.is_(None) | PeopleTally.stale.is_(True))
            .order_by(Engagement.id)
        )
    )


def refresh(all_of_them: bool = False) -> int:
    """Recount the people of every engagement whose tally is stale or missing (or of
    all of them); returns how many were recounted. Commits."""
    ids = (
        list(db.session.scalars(select(Engagement.id).order_by(Engagement.id)))
        if all_of_them
        else _stale_ids()
    )
    for lo in range(0, len(ids), BATCH):
        _recount(ids[lo : lo + BATCH])
        db.session.commit()
    _count_quarters()
    return len(ids)


def _mark_quarters(connection, quarters: set[int]) -> None:
    """The quarters whose accounts are to be counted again (their whole-city row,
    made if missing)."""
    if not quarters:
        return
    table = QuarterCount.__table__
    connection.execute(
        insert_on_conflict(connection.dialect.name)(table).on_conflict_do_nothing(),
        [
            {"quarter": q, "district_id": 0, "accounts": 0, "stale": True}
            for q in quarters
        ],
    )
    connection.execute(
        update(table)
        .where(table.c.quarter.in_(quarters), table.c.district_id == 0)
        .values(stale=True)
    )


def _count_quarters() -> None:
    """Count the accounts of every stale quarter again, in the whole city and per
    district. Commits."""
    connection = db.session.connection()
    table, P = QuarterCount.__table__, Participant
    city = table.c.district_id == 0
    stale = list(
        connection.execute(
            select(table.c.quarter).where(city, table.c.stale.is_(True))
        ).scalars()
    )
    if not stale:
        return
    # Fresh from here, as the tallies: a recount that marks one of these quarters
    # stale again waits for the row's lock.
    connection.execute(
        update(table).where(city, table.c.quarter.in_(stale)).values(stale=False)
    )
    connection.execute(delete(table).where(~city, table.c.quarter.in_(stale)))
    accounts = dict(
        connection.execute(
            select(P.quarter, func.count(P.user_id.distinct()))
            .where(P.quarter.in_(stale))
            .group_by(P.quarter)
        ).all()
    )
    connection.execute(
        update(table)
        .where(city, table.c.quarter == bindparam("q"))
        .values(accounts=bindparam("n")),
        [{"q": q, "n": accounts.get(q, 0)} for q in stale],
    )
    connection.execute(
        table.insert().from_select(
            ["quarter", "district_id", "accounts", "stale"],
            select(P.quarter, P.district_id, func.count(P.user_id.distinct()), false())
            .where(P.quarter.in_(stale), P.district_id.is_not(None))
            .group_by(P.quarter, P.district_id),
        )
    )
    db.session.commit()


def _recount(ids: list[int]) -> None:
    connection = db.session.connection()
    tally = PeopleTally.__table__
    known = set(
        connection.execute(
            select(tally.c.engagement_id).where(tally.c.engagement_id.in_(ids))
        ).scalars()
    )
    if len(known) < len(ids):
        connection.execute(
            tally.insert(),
            [
                {"engagement_id": i, "accounts": 0, "anonymous": 0, "stale": True}
                for i in ids
                if i not in known
            ],
        )
    # Fresh from here: a contribution arriving while we count waits for this row's
    # lock and marks it stale again after we commit.
    connection.execute(
        update(tally).where(tally.c.engagement_id.in_(ids)).values(stale=False)
    )
    people = union_all(*participation_selects()).subquery("people")
    engagement, account = people.c[0], people.c[1]
    mine = engagement.in_(ids)
    participant = Participant.__table__
    # The quarters these people counted in, and will count in (an engagement may
    # have moved).
    opened = quarter_of(counted_moment(Engagement.opens_at))
    _mark_quarters(
        connection,
        set(
            connection.execute(
                select(participant.c.quarter)
                .where(participant.c.engagement_id.in_(ids))
                .distinct()
            ).scalars()
        )
        | set(
            connection.execute(
                select(opened).where(Engagement.id.in_(ids)).distinct()
            ).scalars()
        ),
    )
    connection.execute(delete(participant).where(participant.c.engagement_id.in_(ids)))
    connection.execute(
        participant.insert().from_select(
            ["engagement_id", "user_id", "district_id", "quarter", "contributions"],
            select(
                engagement,
                account,
                Engagement.district_id,
                opened,
                func.count(),
            )
            .join(Engagement, Engagement.id == engagement)
            .where(mine, account.is_not(None))
            .group_by(engagement, account, Engagement.district_id, opened),
        )
    )
    accounts = dict(
        connection.execute(
            select(participant.c.engagement_id, func.count())
            .where(participant.c.engagement_id.in_(ids))
            .group_by(participant.c.engagement_id)
        ).all()
    )
    anonymous = dict(
        connection.execute(
            select(engagement, func.count())
            .where(mine, account.is_(None))
            .group_by(engagement)
        ).all()
    )
    now = utcnow()
    connection.execute(
        update(tally)
        .where(tally.c.engagement_id == bindparam("id"))
        .values(
            accounts=bindparam("a"), anonymous=bindparam("n"), counted_at=bindparam("t")
        ),
        [
            {"id": i, "a": accounts.get(i, 0), "n": anonymous.get(i, 0), "t": now}
            for i in ids
        ],
    )


def forget_account(user_id: int) -> None:
    """An account is being deleted: its Participant rows go now, and the engagements
    it took part in are recounted (its contributions stay, without it)."""
    where = select(Participant.engagement_id).where(Participant.user_id == user_id)
    mark_stale(people=list(db.session.scalars(where)))
    db.session.execute(delete(Participant).where(Participant.user_id == user_id))
