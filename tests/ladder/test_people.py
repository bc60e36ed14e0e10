"""Who took part where, counted ahead of the city report: every way a contribution
arrives (the unit of work, plain inserts, account deletion) leaves the counts as a
straight count of the contributions says."""

from sqlalchemy import func, select, union_all

from participation.auth.account_data import delete_account
from participation.budgeting import ballots
from participation.consultations.models import Comment
from participation.consultations.survey_models import Response
from participation.core.models import Engagement
from participation.ladder import people
from participation.ladder.models import LadderAssessment, Participant, PeopleTally
from participation.ladder.observers import participation_selects
from participation.ladder.services import assessment_of
from tests.budgeting.conftest import put_on_ballot
from tests.conftest import PASSWORD


def straight_count(db, engagement_id: int) -> tuple[int, int]:
    """(accounts, contributions without one) read from the contributions themselves."""
    rows = union_all(*participation_selects()).subquery()
    mine = rows.c[0] == engagement_id
    accounts = db.session.scalar(
        select(func.count(func.distinct(rows.c[1]))).where(mine)
    )
    anonymous = db.session.scalar(
        select(func.count()).select_from(rows).where(mine, rows.c[1].is_(None))
    )
    return accounts, anonymous


def tally(db, engagement_id: int) -> PeopleTally:
    db.session.expire_all()
    return db.session.get(PeopleTally, engagement_id)


def test_a_consultation_counts_each_account_once(db, make_consultation, make_user):
    consultation = make_consultation()
    alice, bob = make_user(), make_user()
    db.session.add_all(
        [
            Response(consultation_id=consultation.id, user_id=alice.id),
            Response(consultation_id=consultation.id, user_id=None),
            Comment(
                consultation_id=consultation.id,
                section_id=consultation.sections[0].id,
                author_id=alice.id,
                body="Yes",
            ),
            Comment(
                consultation_id=consultation.id,
                section_id=consultation.sections[0].id,
                author_id=bob.id,
                body="No",
            ),
        ]
    )
    db.session.commit()
    assert people.refresh() >= 1
    counted = tally(db, consultation.id)
    assert (counted.accounts, counted.anonymous, counted.stale) == (2, 1, False)
    assert straight_count(db, consultation.id) == (2, 1)
    alice_row = db.session.get(Participant, (consultation.id, alice.id))
    assert alice_row.contributions == 2
    assert alice_row.district_id == consultation.district_id
    # Nothing stale: nothing recounted.
    assert people.refresh() == 0


def test_a_change_through_the_unit_of_work_marks_the_tally_stale(
    db, make_consultation, make_user
):
    consultation = make_consultation()
    people.refresh()
    assert tally(db, consultation.id).stale is False
    response = Response(consultation_id=consultation.id, user_id=make_user().id)
    db.session.add(response)
    db.session.commit()
    assert tally(db, consultation.id).stale is True
    people.refresh()
    assert tally(db, consultation.id).accounts == 1
    db.session.delete(response)
    db.session.commit()
    assert tally(db, consultation.id).stale is True
    people.refresh()
    assert tally(db, consultation.id).accounts == 0


def test_a_report_sent_as_plain_inserts_marks_people_and_rung_stale(
    db, make_engagement, make_report, make_user
):
    channel = make_engagement(kind="issue_channel", title="Potholes").id
    assert make_report().engagement_id == channel
    assessment_of(db.session.get(Engagement, channel))
    db.session.commit()
    people.refresh()
    assert tally(db, channel).accounts == 1
    make_report(reporter=make_user())
    db.session.commit()
    assert tally(db, channel).stale is True
    assert db.session.get(LadderAssessment, channel).stale is True
    people.refresh()
    assert (tally(db, channel).accounts, tally(db, channel).anonymous) == (2, 0)
    assert straight_count(db, channel) == (2, 0)


def test_a_new_ballot_counts_a_new_voter_a_changed_one_does_not(
    db, make_process, make_user
):
    process = make_process("voting")
    budget = process.budgets[0]
    first, second = put_on_ballot(db, budget, 30_000, 40_000)
    people.refresh()
    voter = make_user()
    ballots.cast_ballot(voter, budget.id, [(first.id, None)])
    assert tally(db, process.id).stale is True
    people.refresh()
    assert tally(db, process.id).accounts == 1
    ballots.cast_ballot(voter, budget.id, [(second.id, None)])
    assert tally(db, process.id).stale is False  # the same voter, changing
    ballots.cast_ballot(make_user(), budget.id, [(second.id, None)])
    people.refresh()
    counted = tally(db, process.id)
    # Two voters; the two proposals, from residents without a named author, are
    # contributions without an account.
    assert (counted.accounts, counted.anonymous) == straight_count(db, process.id)
    assert (counted.accounts, counted.anonymous) == (2, 2)


def test_a_deleted_account_leaves_no_row_and_still_counts_once(
    db, make_consultation, make_user
):
    consultation = make_consultation()
    leaving, staying = make_user(), make_user()
    for person in (leaving, staying):
        db.session.add(Response(consultation_id=consultation.id, user_id=person.id))
    db.session.commit()
    people.refresh()
    assert tally(db, consultation.id).accounts == 2
    gone = leaving.id
    delete_account(leaving, PASSWORD)
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(Participant)
            .where(Participant.user_id == gone)
        )
        == 0
    )
    assert tally(db, consultation.id).stale is True
    people.refresh()
    counted = tally(db, consultation.id)
    # The response stays, without its author: one contribution without an account.
    assert (counted.accounts, counted.anonymous) == (1, 1)
    assert straight_count(db, consultation.id) == (1, 1)


def test_refresh_all_recounts_even_fresh_tallies(db, make_consultation, make_user):
    consultation = make_consultation()
    people.refresh()
    # A write the registry cannot see (another program on the database): only a
    # full recount finds it.
    db.session.execute(
        Response.__table__.insert().values(
            consultation_id=consultation.id, user_id=make_user().id, language="en"
        )
    )
    db.session.commit()
    assert people.refresh() == 0
    assert people.refresh(all_of_them=True) >= 1
    assert tally(db, consultation.id).accounts == 1
