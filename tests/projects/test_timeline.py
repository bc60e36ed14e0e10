"""The timeline: every source in time order, filters, keyset pages, and a fixed
number of queries however long the thread is."""

from datetime import timedelta

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from participation.budgeting.models import Budget, BudgetProcess, Proposal
from participation.consultations.models import Consultation
from participation.core import timeline
from participation.core.models import District, Meeting
from participation.issues.models import Report
from participation.projects.models import (
    Decision,
    ProjectMilestone,
    ProjectQuestion,
    ProjectUpdate,
)
from participation.projects.page import project_scope
from participation.types import utcnow
from tests.projects.conftest import days_ago


@pytest.fixture
def rich_project(db, thread_project, make_category, make_user):
    """One item of each source, each at its own day (days ago → source)."""
    p = thread_project
    east = db.session.scalar(db.select(District).filter_by(name="East Bank"))
    meeting = Meeting(
        project=p,
        title="Street walk",
        opens_at=days_ago(30),
        closes_at=days_ago(29),
        claimed_rung=4,
    )
    consultation = Consultation(
        project=p,
        title="Which crossings?",
        opens_at=days_ago(28),
        closes_at=days_ago(20),
        claimed_rung=4,
        results_published_at=days_ago(18),
        report_published_at=days_ago(16),
    )
    process = BudgetProcess(
        project=p,
        title="Crossings budget",
        opens_at=days_ago(15),
        closes_at=days_ago(12),
        claimed_rung=7,
        results_published_at=days_ago(11),
    )
    process.budgets = [Budget(name="All", amount=1000)]
    db.session.add_all([meeting, consultation, process])
    db.session.flush()
    won = Proposal(
        budget_id=process.budgets[0].id, title="Zebra at the school", cost=500
    )
    lost = Proposal(budget_id=process.budgets[0].id, title="Bridge", cost=900)
    db.session.add_all([won, lost])
    db.session.flush()
    process.budgets[0].outcome = {"selected": [str(won.id)]}
    category = make_category()
    reporter = make_user()
    here = Report(
        category_id=category.id,
        title="Broken kerb",
        lat=52.84,
        lon=-7.42,
        district_id=p.district_id,
        reporter_id=reporter.id,
        created_at=days_ago(9),
    )
    hidden = Report(
        category_id=category.id,
        title="Spam",
        lat=52.84,
        lon=-7.42,
        district_id=p.district_id,
        hidden_reason="spam",
        created_at=days_ago(8),
    )
    elsewhere = Report(
        category_id=category.id,
        title="Far away",
        lat=52.84,
        lon=-7.36,
        district_id=east.id,
        created_at=days_ago(7),
    )
    db.session.add_all(
        [
            here,
            hidden,
            elsewhere,
            Decision(
                project=p,
                title="Zebra approved",
                decided_by="Council",
                decided_at=days_ago(6),
            ),
            ProjectMilestone(
                project=p,
                title="Paint dries",
                due_at=days_ago(6),
                state="reached",
                reached_at=days_ago(5),
            ),
            ProjectUpdate(
                project=p,
                title="Painted",
                body="Done",
                publish_at=days_ago(3),
                notified_at=days_ago(3),
            ),
            ProjectUpdate(
                project=p,
                title="Secret",
                body="Later",
                publish_at=utcnow() + timedelta(days=2),
            ),
            ProjectMilestone(
                project=p,
                title="Review",
                due_at=utcnow() + timedelta(days=40),
            ),
        ]
    )
    db.session.commit()
    return p


EXPECTED = [
    ("milestone", "Review"),
    ("update", "Painted"),
    ("milestone", "Paint dries"),
    ("decision", "Zebra approved"),
    ("report", "Broken kerb"),
    # Published together: the tie goes by source name, the same on every page.
    ("winner", "Zebra at the school"),
    ("budget_results", "Crossings budget"),
    ("closed", "Crossings budget"),
    ("opened", "Crossings budget"),
    ("response_report", "Which crossings?"),
    ("results", "Which crossings?"),
    ("closed", "Which crossings?"),
    ("opened", "Which crossings?"),
    ("closed", "Street walk"),
    ("opened", "Street walk"),
]


def _shown(page):
    return [(item.source, item.obj.title) for item in page.items]


def test_every_source_appears_newest_first(rich_project):
    page = timeline.page(project_scope(rich_project), size=50)
    assert _shown(page) == EXPECTED
    assert page.next_cursor is None
    assert page.items[0].upcoming and not page.items[1].upcoming


def test_filters_keep_only_the_chosen_groups(rich_project):
    scope = project_scope(rich_project)
    page = timeline.page(scope, {"decisions", "winners"}, size=50)
    assert _shown(page) == [
        ("decision", "Zebra approved"),
        ("winner", "Zebra at the school"),
    ]
    assert {
        timeline.group_of(i) for i in timeline.page(scope, {"engagements"}).items
    } == {"engagements"}


@pytest.mark.parametrize("size", [1, 2, 4, 7])
def test_pages_walk_the_whole_timeline_once_in_order(rich_project, size):
    scope = project_scope(rich_project)
    seen, cursor = [], None
    while True:
        page = timeline.page(scope, before=cursor, size=size)
        assert len(page.items) <= size
        seen += _shown(page)
        if page.next_cursor is None:
            break
        cursor = timeline.Cursor.parse(page.next_cursor.token())
    assert seen == EXPECTED


def test_items_at_the_same_moment_are_not_lost_between_pages(db, thread_project):
    moment = days_ago(1)
    db.session.add_all(
        ProjectUpdate(
            project=thread_project, title=f"U{i}", body=".", publish_at=moment
        )
        for i in range(5)
    )
    db.session.add(
        Decision(project=thread_project, title="D", decided_by="C", decided_at=moment)
    )
    db.session.commit()
    scope = project_scope(thread_project)
    seen, cursor = [], None
    while True:
        page = timeline.page(scope, before=cursor, size=2)
        seen += _shown(page)
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert sorted(seen) == sorted(
        [("update", f"U{i}") for i in range(5)] + [("decision", "D")]
    )
    assert len(seen) == 6


@pytest.mark.parametrize(
    "token",
    [
        "",
        "garbage",
        "2026-01-01~update~x",
        "2026-01-01T00:00:00~update~1",
        "2026-01-01T00:00:00+00:00~nope~1",
    ],
)
def test_a_malformed_cursor_means_the_first_page(token):
    assert timeline.Cursor.parse(token) is None


def _thread_of(db, project, updates: int):
    """A long thread: `updates` updates, each with a question and an answer."""
    from participation.projects.models import ProjectAnswer

    for i in range(updates):
        update = ProjectUpdate(
            project=project,
            title=f"Update {i}",
            body="Text",
            publish_at=days_ago(i + 1),
        )
        question = ProjectQuestion(
            project=project, body=f"Q{i}", created_at=days_ago(i)
        )
        db.session.add_all([update, question])
        db.session.flush()
        question.update_id = update.id
        db.session.add(
            ProjectAnswer(question=question, body="A", created_at=days_ago(i))
        )
        db.session.add(
            Decision(
                project=project, title=f"D{i}", decided_by="C", decided_at=days_ago(i)
            )
        )
    db.session.commit()


def _count_queries(client, url: str) -> int:
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        response = client.get(url)
    finally:
        event.remove(Engine, "before_cursor_execute", count)
    assert response.status_code == 200
    return len(statements)


def test_a_timeline_page_costs_the_same_queries_for_30_or_300_items(
    db, client, make_project, make_user, square_city
):
    small, large = make_project(title="Small"), make_project(title="Large")
    _thread_of(db, small, 15)
    _thread_of(db, large, 150)
    client.get(f"/projects/{small.id}")  # warm the per-process reference caches
    few = _count_queries(client, f"/projects/{small.id}")
    many = _count_queries(client, f"/projects/{large.id}")
    assert few == many
    assert many < 40
