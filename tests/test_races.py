"""One person's parallel posts (a double click, a script) to each write path that two
requests can race: every post gets a proper answer, and exactly one row is stored.

The app is served over HTTP by a threaded server, so the posts run in parallel
threads with their own database connections, as under a production server.
"""

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
import requests
import sqlalchemy as sa

from participation.extensions import db as _db
from tests.budgeting.conftest import put_on_ballot
from tests.conftest import PASSWORD
from tests.consultations.test_views import survey_form
from tests.live import Served

POSTS = 50


@dataclass
class Resident:
    """A signed-in browser: the base URL, its cookies and its CSRF token."""

    url: str
    cookies: dict
    csrf: str
    user: object

    def race(self, path: str, data: dict) -> list[int]:
        """POSTS parallel posts of the same form; their statuses."""
        barrier = threading.Barrier(POSTS)

        def send(_n: int) -> int:
            with requests.Session() as session:
                session.cookies.update(self.cookies)
                barrier.wait()
                response = session.post(
                    self.url + path,
                    data={"csrf_token": self.csrf, **data},
                    allow_redirects=False,
                    timeout=120,
                )
                return response.status_code

        with ThreadPoolExecutor(POSTS) as pool:
            return list(pool.map(send, range(POSTS)))


@pytest.fixture(scope="session")
def served(migrated, tmp_path_factory):
    """The app served on a free port of 127.0.0.1 for every race (limits off: the race
    is what is tested here, the limits elsewhere), built once (tests/live.py)."""
    served = Served(
        migrated,
        tmp_path_factory.mktemp("served-races"),
        RATELIMIT_ENABLED=False,
        SQLALCHEMY_ENGINE_OPTIONS={"pool_size": POSTS, "max_overflow": 0},
    )
    yield served
    served.stop()


@pytest.fixture
def resident(app, make_user, served):
    """A resident signed in to the served app."""
    served.fresh(app.instance_path)
    url = served.url
    user = make_user()
    try:
        with requests.Session() as session:

            def token(page: str) -> str:
                html = session.get(url + page, timeout=30).text
                return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)[1]

            signed_in = session.post(
                url + "/signin",
                data={
                    "csrf_token": token("/signin"),
                    "email": user.email,
                    "password": PASSWORD,
                },
                allow_redirects=False,
                timeout=30,
            )
            assert signed_in.status_code == 302
            csrf = token("/")  # before the cookies: reading it may set one
            yield Resident(url, dict(session.cookies), csrf, user)
    finally:
        try:
            served.idle()
        finally:
            # Its pool of POSTS connections is not kept between tests.
            with served.app.app_context():
                _db.engine.dispose()


def count(model, *where) -> int:
    _db.session.expire_all()
    return _db.session.scalar(
        sa.select(sa.func.count()).select_from(model).where(*where)
    )


def assert_answered(statuses: list[int], *allowed: int) -> None:
    assert all(status < 500 for status in statuses), statuses
    assert set(statuses) <= set(allowed), statuses


def test_ballot(resident, db, make_process):
    from participation.budgeting.models import Ballot, BallotItem

    process = make_process("voting")
    budget = process.budgets[0]
    one, _two = put_on_ballot(db, budget, 10_000, 20_000)
    statuses = resident.race(
        f"/budgets/{process.id}/vote/{budget.id}", {"project": [str(one.id)]}
    )
    # Each post records or replaces the same ballot.
    assert_answered(statuses, 302)
    assert count(Ballot) == 1 and count(BallotItem) == 1


def test_proposal_support(resident, db, make_process):
    from participation.budgeting.models import Proposal, ProposalSupport

    process = make_process("ideas")
    (proposal,) = put_on_ballot(db, process.budgets[0], 10_000)
    statuses = resident.race(f"/budgets/proposals/{proposal.id}/support", {})
    assert_answered(statuses, 302)
    assert count(ProposalSupport) == 1
    assert db.session.get(Proposal, proposal.id).support_count == 1


def test_survey_answer(resident, db, make_consultation):
    from participation.consultations.survey_models import Answer, Response

    consultation = make_consultation()
    statuses = resident.race(
        f"/consultations/{consultation.id}/respond", survey_form(consultation)
    )
    assert_answered(statuses, 302)
    assert count(Response) == 1
    assert count(Answer) == len(consultation.questions)


def test_comment_and_section_support(resident, db, make_consultation, make_user):
    from participation.consultations import comments
    from participation.consultations.models import CommentSupport, SectionSupport

    consultation = make_consultation()
    section = consultation.sections[0]
    comment = comments.post_comment(make_user(), section.id, "Good plan.", "en")
    statuses = resident.race(f"/consultations/comments/{comment.id}/support", {})
    statuses += resident.race(f"/consultations/sections/{section.id}/support", {})
    assert_answered(statuses, 302)
    assert count(CommentSupport) == 1 and count(SectionSupport) == 1


def test_project_follow(resident, db, make_project):
    from participation.projects.models import Subscription

    project = make_project()
    statuses = resident.race(f"/follow/project/{project.id}", {})
    assert_answered(statuses, 302)
    assert count(Subscription) == 1


def test_report_follow_and_me_too(resident, db, square_city, make_report):
    from participation.issues.models import Follow, Report, Support

    report = make_report()
    statuses = resident.race(f"/reports/{report.id}/follow", {"follow": "1"})
    statuses += resident.race(f"/reports/{report.id}/support", {})
    assert_answered(statuses, 302)
    assert count(Follow, Follow.user_id == resident.user.id) == 1
    assert count(Support) == 1
    assert db.session.get(Report, report.id).support_count == 1


def test_reopen(resident, db, square_city, make_report, make_user):
    from participation.issues import services
    from participation.issues.models import StatusChange

    report = make_report(reporter=resident.user)
    services.change_status(make_user("planner"), report.id, "fixed", "Fixed.", "en")
    statuses = resident.race(
        f"/reports/{report.id}/reopen", {"reason": "Still dark at night."}
    )
    assert_answered(statuses, 302)
    assert count(StatusChange, StatusChange.actor_id == resident.user.id) == 1


def test_digest_choice(resident, db):
    from participation.projects.models import DigestPreference

    statuses = resident.race("/notifications/digest", {"frequency": "weekly"})
    assert_answered(statuses, 302)
    assert count(DigestPreference) == 1
