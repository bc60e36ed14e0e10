"""The ladder on the platform's engagements: facts from the three places, the stored
assessment kept fresh by every change it rests on, and the facts planners record."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from participation.core.models import AuditEntry
from participation.errors import Invalid, NotAllowed
from participation.ladder import planners_facts, services
from participation.ladder.models import LadderAssessment
from participation.types import utcnow


@pytest.fixture
def meeting(make_engagement):
    return make_engagement(
        kind="meeting",
        opens_at=utcnow() - timedelta(days=30),
        closes_at=utcnow() - timedelta(days=29),
        decided_at=utcnow() - timedelta(days=10),
        claimed_rung=7,
    )


def _planner(db, engagement):
    from participation.auth.models import User

    return db.session.get(User, engagement.created_by_id)


def _record(
    db,
    engagement,
    key,
    value,
    provenance="documented",
    evidence="https://example.org/r",
):
    return planners_facts.record_fact(
        _planner(db, engagement),
        engagement.id,
        planners_facts.FactData(key, value, provenance, evidence),
    )


def test_facts_come_from_records_dates_and_observations(db, meeting):
    _record(db, meeting, "input_kind", "deliberation", "declared", "")
    facts = services.facts_of(meeting)
    assert facts["opens_at"].provenance == "observed"
    assert facts["decided_at"].provenance == "declared"  # the planner's date
    assert facts["input_kind"].value == "deliberation"
    assert facts["continuity"].provenance == "observed"  # from the project


def test_a_recorded_decision_with_its_document_documents_the_decision_date(db, meeting):
    from participation.projects.records import DecisionData, record_decision

    record_decision(
        _planner(db, meeting),
        meeting.project_id,
        DecisionData(
            title="Approved",
            decided_by="Council",
            decided_at=datetime(2026, 5, 1, tzinfo=UTC),
            document_url="https://example.org/minutes",
            engagement_ids=[meeting.id],
        ),
    )
    fact = services.facts_of(meeting)["decided_at"]
    assert (fact.provenance, fact.evidence) == (
        "documented",
        "https://example.org/minutes",
    )


def test_recording_documented_power_lifts_the_rung_and_is_audited(db, meeting):
    assert services.assessment_of(meeting).rung == 3  # nothing known: informing
    _record(db, meeting, "input_kind", "vote")
    assert services.assessment_of(meeting).rung == 4
    _record(db, meeting, "bindingness", "binding")
    _record(db, meeting, "delegated_scope", 250_000)
    row = services.assessment_of(meeting)
    assert row.rung == 7 and row.confidence == 1.0
    entry = db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.action == "ladder_fact.record")
        .order_by(AuditEntry.id)
    ).all()
    assert [e.after["key"] for e in entry] == [
        "input_kind",
        "bindingness",
        "delegated_scope",
    ]
    # Declared only: held at 4, the claim unverified, and what to document is named.
    _record(db, meeting, "bindingness", "binding", "declared", "")
    row = services.assessment_of(meeting)
    assert row.rung == 4 and "unverified_claim" in row.flags
    assert row.held_back == [{"rung": 7, "facts": ["bindingness"]}]
    planners_facts.remove_fact(_planner(db, meeting), meeting.id, "bindingness")
    assert services.assessment_of(meeting).rung == 4


def test_recorded_facts_are_checked_and_need_a_planner(db, meeting, make_user):
    with pytest.raises(NotAllowed):
        planners_facts.record_fact(
            make_user(), meeting.id, planners_facts.FactData("agreement", True)
        )
    for data, field in [
        (planners_facts.FactData("opens_at", "2026-01-01"), "key"),
        (planners_facts.FactData("agreement", True, "documented", ""), "evidence"),
        (planners_facts.FactData("agreement", True, "observed", "x"), "provenance"),
        (planners_facts.FactData("input_kind", "shouting"), "value"),
        (planners_facts.FactData("board", {"resident_seats": -2}), "value"),
        (planners_facts.FactData("agreement", True, "documented", "ftp://x"), None),
    ]:
        if field is None:
            _record(db, meeting, "agreement", True, "documented", "Minutes 12/2026")
            continue
        with pytest.raises(Invalid) as error:
            planners_facts.record_fact(_planner(db, meeting), meeting.id, data)
        assert field in error.value.errors


def test_any_change_it_rests_on_marks_the_assessment_stale(
    db, make_consultation, make_user, thread_like
):
    consultation = make_consultation()
    first = services.assessment_of(consultation)
    assert first.stale is False
    from participation.consultations.models import Comment

    db.session.add(
        Comment(
            consultation_id=consultation.id,
            section_id=consultation.sections[0].id,
            body="More trees",
            author_id=make_user().id,
        )
    )
    db.session.commit()
    assert db.session.get(LadderAssessment, consultation.id).stale is True
    fresh = services.assessment_of(consultation)
    assert fresh.stale is False
    assert fresh.facts["responses"]["value"]["contributions"] == 1

    # A project update changes continuity: every engagement of the project.
    from participation.projects.posts import UpdateData, post_update

    post_update(
        thread_like(consultation),
        consultation.project_id,
        UpdateData(title="News", body="Text"),
    )
    assert db.session.get(LadderAssessment, consultation.id).stale is True


def test_refresh_recomputes_what_is_stale_or_missing(db, meeting, make_engagement):
    other = make_engagement(kind="meeting", project=meeting.project)
    assert services.refresh() == 2
    assert services.refresh() == 0
    db.session.get(LadderAssessment, other.id).stale = True
    db.session.commit()
    assert services.refresh() == 1
    assert services.refresh(all_of_them=True) == 2


@pytest.fixture
def thread_like(db):
    def planner_of(engagement):
        return _planner(db, engagement)

    return planner_of


def test_the_ladder_page_shows_both_rungs_the_trace_and_the_facts(
    db, client, login_as, meeting
):
    _record(db, meeting, "input_kind", "vote")
    html = client.get(f"/engagements/{meeting.id}/ladder").get_data(as_text=True)
    assert "The city claims:" in html and "rung 7 of 8" in html
    assert "The evidence supports:" in html and "rung 4 of 8" in html
    assert "4 Consultation: its conditions hold." in html
    assert "What residents could give" in html and "a vote" in html
    assert "Record" not in html  # residents see no planner links
    login_as("planner")
    html = client.get(f"/engagements/{meeting.id}/ladder").get_data(as_text=True)
    assert f'href="/engagements/{meeting.id}/ladder/facts/bindingness"' in html


def test_planners_record_facts_through_the_form(db, client, login_as, meeting):
    login_as("planner")
    url = f"/engagements/{meeting.id}/ladder/facts/bindingness"
    response = client.post_form(url, {"choice": "binding", "provenance": "documented"})
    assert "A documented fact needs its evidence" in response.get_data(as_text=True)
    response = client.post_form(
        url,
        {
            "choice": "binding",
            "provenance": "documented",
            "evidence": "https://example.org/resolution",
        },
    )
    assert response.status_code == 302
    assert planners_facts.recorded_facts(meeting.id)["bindingness"].value == "binding"
    board = f"/engagements/{meeting.id}/ladder/facts/board"
    response = client.post_form(
        board,
        {
            "resident_seats": "6",
            "total_seats": "9",
            "selection": "lottery",
            "provenance": "declared",
        },
    )
    assert response.status_code == 302
    assert planners_facts.recorded_facts(meeting.id)["board"].value == {
        "resident_seats": 6,
        "total_seats": 9,
        "selection": "lottery",
        "official_veto": False,
    }
    remove = client.post_form(f"/engagements/{meeting.id}/ladder/facts/board/remove")
    assert remove.status_code == 302 and "board" not in planners_facts.recorded_facts(
        meeting.id
    )
    assert (
        client.get(f"/engagements/{meeting.id}/ladder/facts/opens_at").status_code
        == 404
    )


def test_the_refresh_command(app, meeting):
    result = app.test_cli_runner().invoke(args=["ladder", "refresh"])
    assert "Recomputed 1 assessment(s)." in result.output
    assert "Recounted the people of 1 engagement(s)." in result.output
    result = app.test_cli_runner().invoke(args=["ladder", "refresh"])
    assert "Recounted the people of 0 engagement(s)." in result.output
    result = app.test_cli_runner().invoke(args=["ladder", "refresh", "--all"])
    assert "Recomputed 1 assessment(s)." in result.output
    assert "Recounted the people of 1 engagement(s)." in result.output


def test_project_and_home_pages_show_the_evidenced_rung_beside_the_claim(
    db, client, meeting
):
    _record(db, meeting, "input_kind", "vote")
    html = client.get(f"/projects/{meeting.project_id}").get_data(as_text=True)
    assert "claims rung 7, Delegated power" in html
    assert "evidence: rung 4, Consultation" in html
    assert f'href="/engagements/{meeting.id}/ladder"' in html


def test_the_engagement_box_names_the_fact_holding_the_rung_back(
    db, client, login_as, meeting
):
    _record(db, meeting, "input_kind", "vote")
    _record(db, meeting, "bindingness", "binding", "declared", "")
    _record(db, meeting, "delegated_scope", 250_000)
    db.session.commit()
    html = client.get(f"/engagements/{meeting.id}").get_data(as_text=True)
    assert "Document How binding the outcome is to be assessed at 7" in html
    form = f"/engagements/{meeting.id}/ladder/facts/bindingness"
    assert form not in html  # the public reads it; planners get the form
    login_as("planner")
    html = client.get(f"/engagements/{meeting.id}").get_data(as_text=True)
    assert form in html
