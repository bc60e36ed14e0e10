"""The rules of consultations: set-up, answering, fixed questions, closing, reports."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from participation.consultations import comments, outcome, responses, services, survey
from participation.consultations.models import (
    ClosingChange,
    Comment,
    Consultation,
    OfficialReply,
)
from participation.consultations.observe import consultation_facts
from participation.consultations.responses import AnswerData
from participation.consultations.survey import QuestionData
from participation.consultations.survey_models import Answer, Response
from participation.core.contributions import machine_translation_share
from participation.core.models import AuditEntry, District
from participation.errors import Invalid, NotAllowed
from participation.ladder.services import assessment_of
from participation.types import utcnow


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def by_kind(consultation):
    return {q.kind: q for q in consultation.questions}


def full_answers(consultation, **overrides):
    """Valid answers to every question of the standard test consultation."""
    q = by_kind(consultation)
    answers = {
        q["single"].id: AnswerData(choices=[q["single"].options[1].id]),
        q["multiple"].id: AnswerData(
            choices=[q["multiple"].options[0].id, q["multiple"].options[2].id]
        ),
        q["text"].id: AnswerData(text="More light at the school gate."),
        q["ranking"].id: AnswerData(choices=[o.id for o in q["ranking"].options][::-1]),
        q["scale"].id: AnswerData(number=2),
        q["point"].id: AnswerData(lat=52.84, lon=-7.40),
    }
    for kind, answer in overrides.items():
        answers[q[kind].id] = answer
    return answers


def test_create_consultation_validates_everything_and_stores_nothing_on_error(
    db, make_project, make_user
):
    planner = make_user("planner")
    project = make_project(actor=planner)
    data = services.ConsultationData(
        title="  ",
        opens_at=datetime(2026, 3, 1, tzinfo=UTC),
        closes_at=datetime(2026, 2, 1, tzinfo=UTC),
        claimed_rung=9,
        audience="district",
        commitment="promise",
        commitment_url="javascript:alert(1)",
    )
    with pytest.raises(Invalid) as error:
        services.create_consultation(planner, project.id, data)
    assert set(error.value.errors) >= {
        "title",
        "closes_at",
        "claimed_rung",
        "audience",
        "commitment",
    }
    data.commitment, data.audience = "binding", "everyone"
    with pytest.raises(Invalid) as error:
        services.create_consultation(planner, project.id, data)
    assert "commitment_url" in error.value.errors
    assert count(db, Consultation) == 0


def test_residents_cannot_create_consultations(db, make_project, make_user):
    project = make_project()
    data = services.ConsultationData(
        title="Mine", opens_at=datetime(2026, 3, 1, tzinfo=UTC), claimed_rung=4
    )
    with pytest.raises(NotAllowed):
        services.create_consultation(make_user(), project.id, data)


def test_dates_of_an_open_consultation_change_only_through_the_logged_closing(
    db, make_consultation, make_user
):
    consultation = make_consultation()
    planner = make_user("planner")
    data = services.ConsultationData(
        title="Renamed",
        opens_at=consultation.opens_at,
        claimed_rung=4,
        closes_at=utcnow() + timedelta(days=30),
    )
    with pytest.raises(Invalid) as error:
        services.update_consultation(planner, consultation.id, data)
    assert "closes_at" in error.value.errors
    data.closes_at = None
    services.update_consultation(planner, consultation.id, data)
    assert db.session.get(Consultation, consultation.id).title == "Renamed"

    new_date = utcnow() + timedelta(days=10)
    services.change_closing(planner, consultation.id, new_date, "More time", "en")
    services.change_closing(
        planner, consultation.id, new_date + timedelta(days=5), "Holidays", "en"
    )
    changes = db.session.scalars(select(ClosingChange)).all()
    assert [c.reason for c in changes] == ["More time", "Holidays"]
    assert changes[1].old_closes_at == new_date
    assert consultation.closes_at == new_date + timedelta(days=5)
    actions = db.session.scalars(select(AuditEntry.action)).all()
    assert actions.count("consultation.closing") == 2

    with pytest.raises(Invalid) as error:
        services.change_closing(
            planner, consultation.id, utcnow() - timedelta(days=1), "Oops", "en"
        )
    assert "closes_at" in error.value.errors
    with pytest.raises(Invalid) as error:
        services.change_closing(planner, consultation.id, new_date, "", "en")
    assert "reason" in error.value.errors


def test_open_now_needs_an_upcoming_consultation_with_something_to_answer(
    db, make_consultation, make_user
):
    planner = make_user("planner")
    later = utcnow() + timedelta(days=7)
    empty = make_consultation(opens_at=later, questions=False, sections=False)
    with pytest.raises(Invalid):
        services.open_now(planner, empty.id)
    upcoming = make_consultation(opens_at=later)
    assert services.phase(upcoming) == services.UPCOMING
    services.open_now(planner, upcoming.id)
    assert services.phase(upcoming) == services.OPEN
    with pytest.raises(Invalid):
        services.open_now(planner, upcoming.id)


def test_question_needs_options_and_a_known_scale(db, make_consultation, make_user):
    planner = make_user("planner")
    consultation = make_consultation(questions=False)
    bad = [
        QuestionData("single", "Pick", options=["Only one"]),
        QuestionData("multiple", "Pick", options=["Same", "Same"]),
        QuestionData("scale", "How much?", scale=(1, 7)),
        QuestionData("essay", "Write"),
        QuestionData("text", " "),
    ]
    for data in bad:
        with pytest.raises(Invalid):
            survey.add_question(planner, consultation.id, data)
    assert consultation.questions == []


def test_questions_are_fixed_once_answered_but_can_be_clarified(
    db, make_consultation, make_user
):
    planner, resident = make_user("planner"), make_user()
    consultation = make_consultation()
    first = consultation.questions[0]
    survey.move_question(planner, first.id, +1)
    assert consultation.questions[1].id == first.id
    responses.submit_response(
        resident, consultation.id, full_answers(consultation), "en"
    )
    with pytest.raises(Invalid):
        survey.add_question(planner, consultation.id, QuestionData("text", "New?"))
    with pytest.raises(Invalid):
        survey.update_question(planner, first.id, QuestionData("text", "Changed?"))
    with pytest.raises(Invalid):
        survey.delete_question(planner, first.id)
    with pytest.raises(Invalid):
        survey.move_question(planner, first.id, -1)
    note = survey.add_clarification(planner, first.id, "Main Street means N-12.", "en")
    assert note.question_id == first.id and first.prompt == "Which street first?"


def test_a_resident_answers_then_edits_and_keeps_one_response(
    db, make_consultation, make_user, square_city
):
    resident = make_user()
    consultation = make_consultation()
    response = responses.submit_response(
        resident, consultation.id, full_answers(consultation), "es"
    )
    assert response.language == "es" and len(response.answers) == 6
    q = by_kind(consultation)
    responses.submit_response(
        resident,
        consultation.id,
        full_answers(
            consultation, text=AnswerData(text=""), scale=AnswerData(number=5)
        ),
        "en",
    )
    assert count(db, Response) == 1
    response = responses.own_response(resident, consultation)
    answers = {a.question_id: a for a in response.answers}
    assert q["text"].id not in answers and answers[q["scale"].id].number == 5
    ranking = answers[q["ranking"].id].choices
    assert ranking == [o.id for o in q["ranking"].options][::-1]


def test_one_response_per_resident_is_enforced_by_the_database(
    db, make_consultation, make_user
):
    resident = make_user()
    consultation = make_consultation()
    db.session.add(Response(consultation_id=consultation.id, user_id=resident.id))
    db.session.commit()
    db.session.add(Response(consultation_id=consultation.id, user_id=resident.id))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


@pytest.mark.parametrize(
    "kind, answer",
    [
        ("single", AnswerData(choices=[999_999])),
        ("multiple", AnswerData(choices=[-1])),
        ("text", AnswerData(text="x" * 5001)),
        ("ranking", "duplicate"),
        ("scale", AnswerData(number=6)),
        ("point", AnswerData(lat=40.0, lon=-3.7)),
        ("single", AnswerData()),  # required
    ],
)
def test_bad_answers_are_refused_and_nothing_is_stored(
    db, make_consultation, make_user, square_city, kind, answer
):
    consultation = make_consultation()
    if answer == "duplicate":
        option = by_kind(consultation)["ranking"].options[0].id
        answer = AnswerData(choices=[option, option])
    with pytest.raises(Invalid) as error:
        responses.submit_response(
            make_user(),
            consultation.id,
            full_answers(consultation, **{kind: answer}),
            "en",
        )
    assert list(error.value.errors) == [f"q{by_kind(consultation)[kind].id}"]
    assert count(db, Response) == 0 and count(db, Answer) == 0


def test_no_answers_to_closed_or_upcoming_consultations(
    db, make_consultation, make_user, square_city
):
    resident = make_user()
    closed = make_consultation(closes_at=datetime(2026, 2, 1, tzinfo=UTC))
    upcoming = make_consultation(opens_at=utcnow() + timedelta(days=3))
    for consultation, message in ((closed, "closed"), (upcoming, "not open yet")):
        with pytest.raises(Invalid) as error:
            responses.submit_response(
                resident, consultation.id, full_answers(consultation), "en"
            )
        assert message in error.value.errors["consultation"]
    assert count(db, Response) == 0


def test_who_may_take_part(db, make_consultation, make_user, square_city):
    from flask_login import AnonymousUserMixin

    west, east = db.session.scalars(select(District).order_by(District.name.desc()))
    anonymous = AnonymousUserMixin()
    signed_in_only = make_consultation()
    with pytest.raises(Invalid):
        responses.submit_response(
            anonymous, signed_in_only.id, full_answers(signed_in_only), "en"
        )
    everyone = make_consultation(audience="everyone")
    for _ in range(2):
        responses.submit_response(anonymous, everyone.id, full_answers(everyone), "en")
    assert db.session.scalars(select(Response.user_id)).all() == [None, None]

    district = make_consultation(audience="district", district_id=west.id)
    resident = make_user()
    with pytest.raises(Invalid) as error:
        responses.submit_response(resident, district.id, full_answers(district), "en")
    assert "West Bank" in error.value.errors["consultation"]
    resident.district_id = east.id
    with pytest.raises(Invalid):
        responses.submit_response(resident, district.id, full_answers(district), "en")
    resident.district_id = west.id
    responses.submit_response(resident, district.id, full_answers(district), "en")


def test_comments_threads_support_and_official_replies(
    db, make_consultation, make_user
):
    consultation = make_consultation()
    section = consultation.sections[0]
    author, other, planner = make_user(), make_user(), make_user("planner")
    comment = comments.post_comment(author, section.id, "Too few crossings.", "en")
    reply = comments.post_comment(other, section.id, "Agreed.", "es", comment.id)
    assert reply.parent_id == comment.id
    with pytest.raises(Invalid):
        comments.post_comment(author, section.id, "x" * 3001, "en")
    with pytest.raises(Invalid):
        comments.support_comment(author, comment.id)  # one's own
    comments.support_comment(other, comment.id)
    with pytest.raises(Invalid):
        comments.support_comment(other, comment.id)
    assert db.session.get(Comment, comment.id).support_count == 1

    with pytest.raises(NotAllowed):
        comments.reply_officially(other, "I am not staff", "en", comment_id=comment.id)
    comments.reply_officially(planner, "Two more are planned.", "en", comment.id)
    with pytest.raises(Invalid):
        comments.reply_officially(planner, "Again", "en", comment_id=comment.id)
    assert count(db, OfficialReply) == 1
    threads = comments.comments_by_section(consultation)
    assert [c.body for c in threads[section.id]] == ["Too few crossings.", "Agreed."]
    assert threads[section.id][0].reply.body == "Two more are planned."


def test_sections_with_comments_stay(db, make_consultation, make_user):
    consultation = make_consultation()
    section = consultation.sections[0]
    comments.post_comment(make_user(), section.id, "Hello", "en")
    with pytest.raises(Invalid):
        comments.delete_section(make_user("planner"), section.id)


def test_observed_facts_count_inputs_replies_and_dates(
    db, make_consultation, make_user, square_city
):
    planner = make_user("planner")
    consultation = make_consultation(decided_at=datetime(2026, 12, 31, tzinfo=UTC))
    assert consultation_facts(consultation)["responses"] == {
        "contributions": 0,
        "answered_share": None,
        "median_days_to_respond": None,
    }
    response = responses.submit_response(
        make_user(), consultation.id, full_answers(consultation), "en"
    )
    comment = comments.post_comment(
        make_user(), consultation.sections[0].id, "Why not Quay?", "fr"
    )
    comments.post_comment(make_user(), consultation.sections[0].id, "Yes!", "en")
    comments.reply_officially(planner, "Quay is next year.", "en", comment.id)
    # The reply came three days after the comment.
    reply = db.session.scalars(select(OfficialReply)).one()
    reply.created_at = comment.created_at + timedelta(days=3)
    db.session.commit()
    facts = consultation_facts(consultation)
    assert facts["responses"]["contributions"] == 3
    assert facts["responses"]["answered_share"] == pytest.approx(1 / 3)
    assert facts["responses"]["median_days_to_respond"] == pytest.approx(3)
    # No closing date yet: whether input closed before the decision is not known.
    assert assessment_of(consultation).closed_before_decision is None
    assert facts["report_published"] is False

    share = machine_translation_share(consultation, "en")
    assert (share.inputs, share.other_language) == (3, 1)
    assert response.id


def test_results_and_report_come_after_closing(
    db, make_consultation, make_user, square_city
):
    planner = make_user("planner")
    consultation = make_consultation(closes_at=utcnow() + timedelta(days=1))
    responses.submit_response(
        make_user(), consultation.id, full_answers(consultation), "en"
    )
    with pytest.raises(Invalid):
        outcome.publish_results(planner, consultation.id)
    theme = outcome.ThemeData("Crossings near schools", "Two added by the school")
    with pytest.raises(Invalid):
        outcome.publish_report(planner, consultation.id, "", [theme], utcnow(), "en")
    services.change_closing(planner, consultation.id, utcnow(), "Enough answers", "en")
    assert services.phase(consultation) == services.CLOSED
    with pytest.raises(Invalid) as error:
        outcome.publish_report(
            planner,
            consultation.id,
            "",
            [outcome.ThemeData("Heard only", "")],
            utcnow() + timedelta(days=3),
            "en",
        )
    assert {"themes", "decided_at"} <= set(error.value.errors)
    decided = utcnow() - timedelta(minutes=1)
    decided = decided.replace(microsecond=0)
    outcome.publish_report(planner, consultation.id, "Thanks", [theme], decided, "en")
    consultation = db.session.get(Consultation, consultation.id)
    assert consultation.results_published_at and consultation.report_published_at
    assert consultation.decided_at == decided
    assert [t.heard for t in consultation.themes] == ["Crossings near schools"]
    facts = consultation_facts(consultation)
    assert facts["report_published"] is True
    # Decided before closing (both with their time): as the ladder judged it.
    assert assessment_of(consultation).closed_before_decision is False
    with pytest.raises(Invalid):
        services.change_closing(
            planner, consultation.id, utcnow() + timedelta(days=9), "Reopen", "en"
        )


def test_residents_support_a_section_once(db, make_consultation, make_user):
    from participation.consultations.models import Section, SectionSupport

    consultation = make_consultation()
    section = consultation.sections[0]
    resident = make_user()
    comments.support_section(resident, section.id)
    with pytest.raises(Invalid):
        comments.support_section(resident, section.id)
    comments.support_section(make_user(), section.id)
    assert db.session.get(Section, section.id).support_count == 2
    assert count(db, SectionSupport) == 2
    assert comments.supported_sections(resident, consultation) == {section.id}
    closed = make_consultation(closes_at=datetime(2026, 2, 1, tzinfo=UTC))
    with pytest.raises(Invalid):
        comments.support_section(resident, closed.sections[0].id)
