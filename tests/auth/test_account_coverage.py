"""Export and deletion cover every column that names an account, as the models'
metadata lists them: a column added tomorrow is registered and populated here, or
these tests fail."""

import json

import sqlalchemy as sa

from participation.auth.account_data import delete_account, export_account
from participation.auth.models import RoleGrant, User
from participation.auth.personal_data import (
    FORGET,
    WITH_ACCOUNT,
    holdings,
    user_columns,
)
from participation.budgeting.models import Ballot
from participation.core.models import AuditEntry, Engagement, OutboxMessage
from participation.i18n.models import ContentTranslation
from participation.ladder import people
from participation.ladder.models import PeopleTally
from tests.auth.whole_accounts import two_whole_accounts
from tests.conftest import PASSWORD
from tests.ladder.test_people import straight_count


def test_every_column_naming_an_account_is_registered_once(db):
    by_name = {h.name: h for h in holdings()}
    assert len(by_name) == len(holdings())
    missing = user_columns(db.metadata) - set(by_name)
    assert not missing, (
        f"register these in the personal.py of the package that owns the table: {missing}"
    )
    sections = [h.section for h in holdings()]
    assert len(sections) == len(set(sections)) and "account" not in sections
    for name, holding in by_name.items():
        column = db.metadata.tables[name[0]].c[name[1]]
        if name not in user_columns(db.metadata):  # names a person by value
            assert holding.where is not None, name
        if holding.erase == FORGET:
            assert column.nullable, f"{name} cannot forget: the column is NOT NULL"
        if holding.erase == WITH_ACCOUNT:
            [key] = column.foreign_keys
            assert key.ondelete == "CASCADE", f"{name} does not go with the account"


def _counts(db, person: User) -> dict[tuple[str, str], int]:
    """How many rows of each registered column are this person's."""
    return {
        h.name: db.session.scalar(
            sa.select(sa.func.count()).select_from(h.model).where(h.condition(person))
        )
        for h in holdings()
    }


def _totals(db) -> dict[str, int]:
    return {
        name: db.session.scalar(sa.select(sa.func.count()).select_from(table))
        for name, table in db.metadata.tables.items()
    }


def _ids(db, model, condition) -> set[int]:
    return set(db.session.scalars(sa.select(model.id).where(condition)))


def test_export_and_deletion_cover_every_row_naming_the_person(
    db, make_user, make_consultation, make_report, make_process, square_city
):
    ana, bo = two_whole_accounts(
        db, make_user, make_consultation, make_report, make_process
    )
    ana_id, ana_email = ana.id, ana.email
    counts = _counts(db, ana)
    # (1) Every column the metadata lists has rows of both: the test saw them all.
    for name in user_columns(db.metadata):
        assert counts[name] > 0, f"no {name} row of the person: populate it"
    assert all(n > 0 for n in _counts(db, bo).values())

    # (2) The export holds exactly the person's rows of each, naming nobody else.
    exported = export_account(ana)
    for holding in holdings():
        records = exported[holding.section]
        assert len(records) == counts[holding.name], holding.section
        # Rows that are another person's (an account whose district was verified)
        # are exported without their id.
        if "id" in inspect_columns(holding.model) and holding.model is not User:
            rows = _ids(db, holding.model, holding.condition(ana))
            assert {r["id"] for r in records} == rows, holding.section
    text = json.dumps(exported)
    assert bo.email not in text and bo.display_name not in text
    assert ana.password_hash not in text
    assert exported["account"]["district_verified_at"]  # Bo checked Ana's district

    # What deletion must keep: others' data, counted ballots, reviewed translations.
    bo_before, totals = export_account(bo), _totals(db)
    counted = {b.id: b.counted for b in db.session.scalars(sa.select(Ballot))}
    assert set(counted.values()) == {True}
    reviewed = _ids(db, ContentTranslation, ContentTranslation.reviewed_at.is_not(None))
    removed = {
        h.model.__table__.name: counts[h.name] for h in holdings() if h.erase != FORGET
    }
    removed["user"] = 1

    ana_grants = _ids(db, RoleGrant, RoleGrant.user_id == ana_id)

    # (3) After deletion no column anywhere names the person.
    delete_account(ana, PASSWORD)
    db.session.expire_all()
    assert db.session.get(User, ana_id) is None
    for table in db.metadata.tables.values():
        for column in table.columns:
            if (table.name, column.name) in user_columns(db.metadata):
                left = sa.select(sa.func.count()).where(column == ana_id)
                assert db.session.scalar(left) == 0, f"{table.name}.{column.name}"
    assert not db.session.scalar(
        sa.select(sa.func.count()).where(Ballot.voter_key == f"user:{ana_id}")
    )
    assert not _ids(db, OutboxMessage, OutboxMessage.to == ana_email)
    assert not _ids(
        db,
        AuditEntry,
        (AuditEntry.target_type == "user") & (AuditEntry.target_id == ana_id),
    )
    # Rows went only where the registry says DELETE (or with the account).
    after = _totals(db)
    for name, total in totals.items():
        assert after[name] == total - removed.get(name, 0), name
    # Bo's data is as it was; ballots still count, reviews still stand.
    # Bo's data is as it was, but for what was about Ana's account: the role Bo gave
    # her and the district Bo checked went with it; Bo's actions on it name nobody.
    expected = dict(
        bo_before,
        districts_verified=[],
        roles_granted=[
            r for r in bo_before["roles_granted"] if r["id"] not in ana_grants
        ],
        official_actions=[
            dict(r, target="user/None") if r["target"] == f"user/{ana_id}" else r
            for r in bo_before["official_actions"]
        ],
    )
    assert bo_before["districts_verified"] and len(bo_before["roles_granted"]) > len(
        expected["roles_granted"]
    )
    assert export_account(bo) == expected
    assert {b.id: b.counted for b in db.session.scalars(sa.select(Ballot))} == counted
    assert (
        _ids(db, ContentTranslation, ContentTranslation.reviewed_at.is_not(None))
        == reviewed
    )
    # The ladder's counts of people follow: Ana's contributions stay, anonymous.
    people.refresh()
    for engagement_id in db.session.scalars(sa.select(Engagement.id)):
        tally = db.session.get(PeopleTally, engagement_id)
        assert (tally.accounts, tally.anonymous) == straight_count(db, engagement_id)
    assert any(
        db.session.get(PeopleTally, e).anonymous
        for e in db.session.scalars(sa.select(Engagement.id))
    )


def inspect_columns(model) -> set[str]:
    return set(model.__table__.c.keys())
