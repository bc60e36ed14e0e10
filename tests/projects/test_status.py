"""Status at a glance, the nudge list and the continuity facts for the ladder."""

from datetime import timedelta

import pytest

from participation.core.models import Meeting
from participation.ladder.observers import observed_facts
from participation.projects import status
from participation.projects.models import (
    Decision,
    ProjectAnswer,
    ProjectMilestone,
    ProjectQuestion,
    ProjectUpdate,
)
from participation.projects.observe import continuity, longest_gap_days
from participation.types import utcnow
from tests.projects.conftest import days_ago


def _meeting(db, project, opens, closes=None, decided=None, title="Walk"):
    meeting = Meeting(
        project=project,
        title=title,
        opens_at=opens,
        closes_at=closes,
        decided_at=decided,
        claimed_rung=4,
    )
    db.session.add(meeting)
    db.session.commit()
    return meeting


def test_glance_shows_phase_next_step_and_last_contacts(db, thread_project):
    p = thread_project
    _meeting(db, p, days_ago(40), days_ago(39))
    soon = _meeting(db, p, utcnow() + timedelta(days=3), title="Second walk")
    db.session.add_all(
        [
            ProjectUpdate(project=p, title="News", body=".", publish_at=days_ago(10)),
            ProjectUpdate(
                project=p,
                title="Later",
                body=".",
                publish_at=utcnow() + timedelta(days=1),
            ),
            ProjectMilestone(
                project=p, title="Design", due_at=utcnow() + timedelta(days=9)
            ),
        ]
    )
    db.session.commit()
    glance = status.glance(p)
    assert glance.status == "planning"
    assert glance.next_step.what == "opens" and glance.next_step.obj == soon
    assert abs((glance.last_spoke - days_ago(10)).total_seconds()) < 5
    assert abs((glance.last_asked - days_ago(40)).total_seconds()) < 5


def test_a_new_project_has_spoken_and_asked_nothing(thread_project):
    glance = status.glance(thread_project)
    assert (glance.next_step, glance.last_spoke, glance.last_asked) == (
        None,
        None,
        None,
    )


def test_nudges_list_silent_projects_and_old_unanswered_questions(
    app, db, make_project, square_city
):
    silent = make_project(title="Silent")
    silent.created_at = days_ago(200)
    db.session.add(
        ProjectUpdate(project=silent, title="Old", body=".", publish_at=days_ago(120))
    )
    talking = make_project(title="Talking")
    talking.created_at = days_ago(200)
    db.session.add(
        ProjectUpdate(project=talking, title="New", body=".", publish_at=days_ago(5))
    )
    waiting = make_project(title="Waiting")
    db.session.add_all(
        [
            ProjectQuestion(project=waiting, body="When?", created_at=days_ago(20)),
            ProjectQuestion(project=waiting, body="Why?", created_at=days_ago(2)),
            ProjectQuestion(
                project=talking, body="Nice", kind="comment", created_at=days_ago(30)
            ),
        ]
    )
    done = make_project(title="Done", status="completed")
    done.created_at = days_ago(400)
    db.session.commit()

    nudges = {n.project.title: n for n in status.nudge_list()}
    assert set(nudges) == {"Silent", "Waiting"}
    assert nudges["Silent"].silent_days == 120
    assert nudges["Silent"].waiting_questions == 0
    assert (
        nudges["Waiting"].waiting_questions,
        nudges["Waiting"].oldest_waiting_days,
    ) == (1, 20)
    assert nudges["Waiting"].silent_days is None
    first = db.session.scalar(db.select(ProjectQuestion).filter_by(body="When?"))
    assert nudges["Waiting"].first_waiting_id == first.id

    app.config["PROJECT_SILENCE_DAYS"] = 200
    app.config["QUESTION_ANSWER_DAYS"] = 30
    assert status.nudge_list() == []


def test_longest_gap_counts_from_the_start_to_now():
    start = days_ago(100)
    now = utcnow()
    assert longest_gap_days(start, [], now) == pytest.approx(100, abs=0.01)
    assert longest_gap_days(start, [days_ago(90), days_ago(30)], now) == pytest.approx(
        60, abs=0.01
    )


def test_continuity_facts_reach_every_engagement_through_the_registry(
    db, thread_project
):
    p = thread_project
    p.created_at = days_ago(100)
    walk = _meeting(db, p, days_ago(80), days_ago(79))
    _meeting(db, p, days_ago(20), days_ago(19), title="Second walk")
    before = Decision(
        project=p, title="After the walk", decided_by="Council", decided_at=days_ago(70)
    )
    before.engagements = [walk]
    after_the_fact = Decision(
        project=p, title="Before anyone", decided_by="Mayor", decided_at=days_ago(90)
    )
    asked = ProjectQuestion(project=p, body="When?", created_at=days_ago(10))
    unanswered = ProjectQuestion(project=p, body="Why?", created_at=days_ago(5))
    comment = ProjectQuestion(
        project=p, body="Nice", kind="comment", created_at=days_ago(5)
    )
    db.session.add_all([before, after_the_fact, asked, unanswered, comment])
    db.session.flush()
    db.session.add(ProjectAnswer(question=asked, body="May", created_at=days_ago(6)))
    db.session.commit()

    facts = continuity(p)
    assert facts["engagements"] == 2 and facts["recurring"] is True
    # Contacts: decision 90, walk 80, decision 70, walk 20, answer 6 days ago; now.
    assert facts["longest_gap_days"] == pytest.approx(50, abs=0.1)
    assert facts["decisions"] == 2
    assert facts["decisions_with_residents_before"] == 1
    assert {d["residents_before"] for d in facts["decision_details"]} == {True, False}
    assert facts["questions"] == 2
    assert facts["questions_answered_share"] == 0.5
    assert facts["median_answer_days"] == pytest.approx(4, abs=0.1)

    assert observed_facts(walk)["continuity"] == facts


def test_a_project_with_no_questions_has_no_answer_figures(thread_project):
    facts = continuity(thread_project)
    assert facts["questions"] == 0
    assert facts["questions_answered_share"] is None
    assert facts["median_answer_days"] is None
    assert facts["recurring"] is False
