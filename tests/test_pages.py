"""Every page, as an administrator sees it: well-formed titles, one h1, the landmarks."""

import re

import pytest

from participation.config import Defaults
from tests.conftest import PASSWORD

PAGES = [
    "/",
    "/projects/{project}",
    "/projects/{project}/edit",
    "/projects/new",
    "/projects/{project}/engagements/new",
    "/engagements/{engagement}",
    "/engagements/{engagement}/edit",
    "/projects/{project}/consultations/new",
    "/consultations/{consultation}",
    "/consultations/{consultation}/edit",
    "/consultations/{consultation}/manage",
    "/consultations/{consultation}/preview",
    "/consultations/{consultation}/results",
    "/consultations/{consultation}/inputs",
    "/consultations/{consultation}/report",
    "/reports",
    "/budgets/{budget}",
    "/budgets/receipt?code=NOPE",
    "/budgets/{budget}/manage",
    "/budgets/{budget}/edit",
    "/budgets/{budget}/review",
    "/budgets/{budget}/delivery",
    "/budgets/{budget}/propose",
    "/budgets/{budget}/paper/{budget_part}",
    "/budgets/proposals/{proposal}",
    "/projects/{project}/budgets/new",
    "/projects/{project}/budgets/import",
    "/admin/districts",
    "/admin/districts?email=admin-nobody@example.org",
    "/account",
    "/admin/users",
    "/projects/{project}/updates/new",
    "/updates/{update}",
    "/projects/{project}/questions",
    "/updates/{update}/edit",
    "/projects/{project}/decisions/new",
    "/projects/{project}/milestones/new",
    "/milestones/{milestone}/edit",
    "/questions/{question}/answer",
    "/projects/nudges",
    "/engagements/{engagement}/ladder",
    "/engagements/{engagement}/review",
    "/evaluate",
    "/report",
    "/report?from=nonsense",
    "/report/compare",
    "/report/behind?figure=citizen_power",
    "/report/behind?figure=nonsense",
    "/engagements/{engagement}/ladder/facts/board",
    "/engagements/{engagement}/ladder/facts/input_kind",
    "/districts",
    "/themes/parks",
    "/notifications",
    "/unsubscribe/any-token",
    "/nowhere",
]


@pytest.fixture
def admins_world(request, app, make_user, worlds):
    """An administrator's project with a meeting, a consultation, a budget with a
    proposal, an update, a question and a milestone; built once per run and copied
    into each test's database (tests/world.py). The ids, and the administrator's
    e-mail."""

    def build():
        make_engagement = request.getfixturevalue("make_engagement")
        make_consultation = request.getfixturevalue("make_consultation")
        admin = make_user("admin")
        engagement = make_engagement(actor=admin, kind="meeting")
        consultation = make_consultation(project=engagement.project, actor=admin)
        budget = make_engagement(
            actor=admin, project=engagement.project, kind="budget_process"
        )
        from participation.budgeting.models import Budget, Proposal
        from participation.extensions import db

        part = Budget(process_id=budget.id, name="City", amount=1_000)
        db.session.add(part)
        db.session.flush()
        proposal = Proposal(
            budget_id=part.id, title="Benches", cost=100, lat=52.8, lon=-7.4
        )
        db.session.add(proposal)
        from participation.projects.models import (
            ProjectMilestone,
            ProjectQuestion,
            ProjectUpdate,
        )

        update = ProjectUpdate(
            project_id=engagement.project_id, title="News", body="*Hi*"
        )
        question = ProjectQuestion(project_id=engagement.project_id, body="When?")
        milestone = ProjectMilestone(
            project_id=engagement.project_id, title="Start", due_at=engagement.opens_at
        )
        db.session.add_all([update, question, milestone])
        db.session.commit()
        return {
            "admin": admin.email,
            "update": update.id,
            "question": question.id,
            "milestone": milestone.id,
            "project": engagement.project_id,
            "engagement": engagement.id,
            "consultation": consultation.id,
            "budget": budget.id,
            "budget_part": part.id,
            "proposal": proposal.id,
        }

    return worlds.rows("admins", build, make_user)


@pytest.mark.parametrize("locale", Defaults.LOCALES)
@pytest.mark.parametrize("url", PAGES)
def test_page_structure(client, admins_world, url, locale):
    ids = dict(admins_world)
    signed_in = client.post_form(
        "/signin", {"email": ids.pop("admin"), "password": PASSWORD}
    )
    assert signed_in.status_code == 302, signed_in.get_data(as_text=True)
    url = url.format(**ids)
    html = client.get(url, headers={"Accept-Language": locale}).get_data(as_text=True)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<" not in title and title.strip()
    assert len(re.findall(r"<h1[ >]", html)) == 1
    for landmark in (
        '<header class="site-header">',
        '<main id="main"',
        "<footer",
        "<nav",
    ):
        assert landmark in html
    assert 'href="#main"' in html
    direction = "rtl" if locale in Defaults.RTL_LOCALES else "ltr"
    assert f'<html lang="{locale}" dir="{direction}">' in html
