"""Every protected endpoint × every role: who gets in, who is sent to sign in, who gets 403."""

import pytest

ROLES = ["anonymous", "resident", "planner", "evaluator", "admin"]
PLANNERS = {"planner", "admin"}
ADMINS = {"admin"}
EVALUATORS = {"evaluator", "admin"}
ACCOUNTS = {"resident", "planner", "evaluator", "admin"}

# (method, url template, roles allowed)
ENDPOINTS = [
    ("GET", "/projects/new", PLANNERS),
    ("POST", "/projects/new", PLANNERS),
    ("GET", "/projects/{project}/edit", PLANNERS),
    ("POST", "/projects/{project}/edit", PLANNERS),
    ("GET", "/projects/{project}/engagements/new", PLANNERS),
    ("POST", "/projects/{project}/engagements/new", PLANNERS),
    ("GET", "/engagements/{engagement}/edit", PLANNERS),
    ("POST", "/engagements/{engagement}/edit", PLANNERS),
    ("GET", "/admin/users", ADMINS),
    ("POST", "/admin/users/{user}/roles", ADMINS),
    ("GET", "/admin/api-keys", ADMINS),
    ("POST", "/admin/api-keys", ADMINS),
    ("POST", "/admin/api-keys/revoke", ADMINS),
    ("GET", "/account", ACCOUNTS),
    ("POST", "/account/password", ACCOUNTS),
    ("POST", "/account/language", ACCOUNTS),
    ("GET", "/account/export", ACCOUNTS),
    ("POST", "/account/delete", ACCOUNTS),
    ("GET", "/reports/new", ACCOUNTS),
    ("POST", "/reports/new", ACCOUNTS),
    ("POST", "/reports/{report}/support", ACCOUNTS),
    ("POST", "/reports/{report}/follow", ACCOUNTS),
    ("POST", "/reports/{report}/status", PLANNERS),
    ("GET", "/my/reports", ACCOUNTS),
    ("GET", "/notifications", ACCOUNTS),
    ("GET", "/staff/reports", PLANNERS),
    ("GET", "/staff/templates", PLANNERS),
    ("POST", "/staff/templates", PLANNERS),
    ("POST", "/staff/reports/{report}/category", PLANNERS),
    ("POST", "/staff/reports/{report}/duplicate", PLANNERS),
    ("POST", "/staff/reports/{report}/hide", PLANNERS),
    ("POST", "/notifications/read", ACCOUNTS),
    ("POST", "/account/district", ACCOUNTS),
    ("POST", "/account/age", ACCOUNTS),
    ("POST", "/consultations/{consultation}/sections/{section}/comments", ACCOUNTS),
    ("POST", "/consultations/sections/{section}/support", ACCOUNTS),
    ("GET", "/projects/{project}/consultations/new", PLANNERS),
    ("POST", "/projects/{project}/consultations/new", PLANNERS),
    ("GET", "/consultations/{consultation}/edit", PLANNERS),
    ("POST", "/consultations/{consultation}/edit", PLANNERS),
    ("GET", "/consultations/{consultation}/manage", PLANNERS),
    ("GET", "/consultations/{consultation}/preview", PLANNERS),
    ("GET", "/consultations/{consultation}/inputs", PLANNERS),
    ("GET", "/consultations/{consultation}/report", PLANNERS),
    ("POST", "/consultations/{consultation}/report", PLANNERS),
    ("POST", "/consultations/{consultation}/questions", PLANNERS),
    ("GET", "/consultations/questions/{question}/edit", PLANNERS),
    ("POST", "/consultations/questions/{question}/edit", PLANNERS),
    ("POST", "/consultations/questions/{question}/delete", PLANNERS),
    ("POST", "/consultations/questions/{question}/move", PLANNERS),
    ("POST", "/consultations/questions/{question}/clarify", PLANNERS),
    ("POST", "/consultations/{consultation}/sections", PLANNERS),
    ("POST", "/consultations/sections/{section}/delete", PLANNERS),
    ("POST", "/consultations/{consultation}/open", PLANNERS),
    ("POST", "/consultations/{consultation}/closing", PLANNERS),
    ("POST", "/consultations/{consultation}/publish-results", PLANNERS),
    ("POST", "/consultations/{consultation}/replies", PLANNERS),
    ("GET", "/budgets/{process}/vote/{budget}", ACCOUNTS),
    ("POST", "/budgets/{process}/vote/{budget}", ACCOUNTS),
    ("GET", "/budgets/{process}/propose", ACCOUNTS),
    ("POST", "/budgets/{process}/propose", ACCOUNTS),
    ("POST", "/budgets/proposals/{proposal}/support", ACCOUNTS),
    ("GET", "/projects/{project}/budgets/new", PLANNERS),
    ("POST", "/projects/{project}/budgets/new", PLANNERS),
    ("GET", "/projects/{project}/budgets/import", PLANNERS),
    ("POST", "/projects/{project}/budgets/import", PLANNERS),
    ("GET", "/budgets/{process}/edit", PLANNERS),
    ("POST", "/budgets/{process}/edit", PLANNERS),
    ("GET", "/budgets/{process}/manage", PLANNERS),
    ("POST", "/budgets/{process}/budgets", PLANNERS),
    ("POST", "/budgets/budget/{budget}", PLANNERS),
    ("POST", "/budgets/{process}/move", PLANNERS),
    ("POST", "/budgets/{process}/publish", PLANNERS),
    ("GET", "/budgets/{process}/review", PLANNERS),
    ("POST", "/budgets/proposals/{proposal}/review", PLANNERS),
    ("GET", "/budgets/{process}/paper/{budget}", PLANNERS),
    ("POST", "/budgets/{process}/paper/{budget}", PLANNERS),
    ("POST", "/budgets/ballots/{ballot}/check", PLANNERS),
    ("GET", "/budgets/{process}/delivery", PLANNERS),
    ("POST", "/budgets/proposals/{proposal}/milestones", PLANNERS),
    ("POST", "/budgets/milestones/{milestone}", PLANNERS),
    ("GET", "/admin/districts", PLANNERS),
    ("POST", "/admin/districts", PLANNERS),
    ("GET", "/projects/{project}/updates/new", PLANNERS),
    ("POST", "/projects/{project}/updates/new", PLANNERS),
    ("GET", "/updates/{update}/edit", PLANNERS),
    ("POST", "/updates/{update}/edit", PLANNERS),
    ("POST", "/updates/{update}/cancel", PLANNERS),
    ("GET", "/projects/{project}/decisions/new", PLANNERS),
    ("POST", "/projects/{project}/decisions/new", PLANNERS),
    ("GET", "/projects/{project}/milestones/new", PLANNERS),
    ("POST", "/projects/{project}/milestones/new", PLANNERS),
    ("GET", "/milestones/{project_milestone}/edit", PLANNERS),
    ("POST", "/milestones/{project_milestone}/edit", PLANNERS),
    ("GET", "/questions/{project_question}/answer", PLANNERS),
    ("POST", "/questions/{project_question}/answer", PLANNERS),
    ("POST", "/questions/{project_question}/hide", PLANNERS),
    ("GET", "/projects/nudges", PLANNERS),
    ("POST", "/projects/{project}/questions", ACCOUNTS),
    ("POST", "/follow/project/{project}", ACCOUNTS),
    ("POST", "/unfollow/project/{project}", ACCOUNTS),
    ("POST", "/follow/theme/mobility", ACCOUNTS),
    ("POST", "/notifications/digest", ACCOUNTS),
    ("GET", "/engagements/{engagement}/ladder/facts/agreement", PLANNERS),
    ("POST", "/engagements/{engagement}/ladder/facts/agreement", PLANNERS),
    ("POST", "/engagements/{engagement}/ladder/facts/agreement/remove", PLANNERS),
    ("GET", "/evaluate", EVALUATORS),
    ("GET", "/engagements/{engagement}/review", EVALUATORS),
    ("POST", "/engagements/{engagement}/review", EVALUATORS),
]
PUBLIC = [
    "/",
    "/projects/{project}",
    "/engagements/{engagement}",
    "/consultations/{consultation}",
    "/budgets/{process}",
    "/budgets/receipt",
    "/budgets/proposals/{proposal}",
    "/signin",
    "/signup",
    "/reports",
    "/reports/{report}",
    "/updates/{update}",
    "/projects/{project}/questions",
    "/projects/{project}/feed.atom",
    "/districts",
    "/districts/{district}",
    "/districts/{district}/feed.atom",
    "/themes/mobility",
    "/engagements/{engagement}/ladder",
    "/report",
    "/report/compare",
    "/report/behind?figure=over_claim",
]


@pytest.fixture
def objects(make_engagement, make_consultation, make_user, square_city, make_report):
    engagement = make_engagement(kind="meeting")
    consultation = make_consultation(project=engagement.project)
    from datetime import date

    from participation.budgeting.models import (
        Ballot,
        Budget,
        BudgetProcess,
        Milestone,
        Proposal,
    )
    from participation.extensions import db

    process = BudgetProcess(
        project_id=engagement.project_id,
        title="Budget",
        opens_at=engagement.opens_at,
        claimed_rung=7,
    )
    process.budgets = [Budget(name="City", amount=1000)]
    db.session.add(process)
    db.session.flush()
    budget = process.budgets[0]
    proposal = Proposal(budget_id=budget.id, title="Benches", cost=500)
    db.session.add(proposal)
    db.session.flush()
    paper = Ballot(
        budget_id=budget.id, voter_key="paper:1", receipt="PAPER1", source="paper"
    )
    milestone = Milestone(
        proposal_id=proposal.id, title="Order", planned_for=date(2026, 1, 1)
    )
    db.session.add_all([paper, milestone])
    from participation.core.models import District
    from participation.projects.models import (
        ProjectMilestone,
        ProjectQuestion,
        ProjectUpdate,
    )

    update = ProjectUpdate(project_id=engagement.project_id, title="News", body="Text")
    question = ProjectQuestion(project_id=engagement.project_id, body="When?")
    project_milestone = ProjectMilestone(
        project_id=engagement.project_id, title="Start", due_at=engagement.opens_at
    )
    db.session.add_all([update, question, project_milestone])
    db.session.commit()
    return {
        "update": update.id,
        "project_question": question.id,
        "project_milestone": project_milestone.id,
        "district": db.session.scalar(db.select(District.id).limit(1)),
        "proposal": proposal.id,
        "ballot": paper.id,
        "milestone": milestone.id,
        "process": process.id,
        "budget": process.budgets[0].id,
        "consultation": consultation.id,
        "question": consultation.questions[0].id,
        "section": consultation.sections[0].id,
        "project": engagement.project_id,
        "engagement": engagement.id,
        "user": make_user(email="target@example.org").id,
        "report": make_report().id,
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "url", "allowed"), ENDPOINTS)
def test_access(client, login_as, objects, role, method, url, allowed):
    if role != "anonymous":
        login_as(role)
    url = url.format(**objects)
    response = client.get(url) if method == "GET" else client.post_form(url, {})
    if role in allowed:
        assert response.status_code in (200, 302, 400), response.status_code
        if response.status_code == 302:
            assert "/signin" not in response.headers["Location"]
    elif role == "anonymous":
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/signin")
    else:
        assert response.status_code == 403
        assert "Not allowed" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", PUBLIC)
def test_public_pages_are_open_to_all(client, login_as, objects, role, url):
    if role != "anonymous":
        login_as(role)
    response = client.get(url.format(**objects))
    if role != "anonymous" and url in ("/signin", "/signup"):
        assert response.status_code == 302  # already signed in
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_navigation_shows_only_permitted_actions(client, login_as, objects, role):
    if role != "anonymous":
        login_as(role)
    html = client.get(f"/projects/{objects['project']}").get_data(as_text=True)
    assert ('href="/projects/new"' in html) == (role in PLANNERS)
    assert (f'href="/projects/{objects["project"]}/edit"' in html) == (role in PLANNERS)
    assert ('href="/admin/users"' in html) == (role in ADMINS)
