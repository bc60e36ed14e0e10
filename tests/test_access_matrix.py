"""Every route × every role: who gets in, who is sent to sign in, who gets 403.

Every rule of the URL map must have its row here (a protected route, a public page, or
a route open to all that checks something else than a role): a route added without
one fails `test_every_route_has_a_row`.
"""

import re

import pytest

from tests import url_map

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
    ("GET", "/admin/outbox", ADMINS),
    ("GET", "/notifications/settings", ACCOUNTS),
    ("POST", "/notifications/settings", ACCOUNTS),
    ("POST", "/admin/outbox/{message}/retry", ADMINS),
    ("POST", "/admin/users/{user}/roles", ADMINS),
    ("POST", "/admin/users/{user}/lock", ADMINS),
    ("GET", "/admin/api-keys", ADMINS),
    ("POST", "/admin/api-keys", ADMINS),
    ("POST", "/admin/api-keys/revoke", ADMINS),
    ("GET", "/account", ACCOUNTS),
    ("POST", "/account/password", ACCOUNTS),
    ("POST", "/account/sign-out-everywhere", ACCOUNTS),
    ("POST", "/account/language", ACCOUNTS),
    ("GET", "/account/export", ACCOUNTS),
    ("POST", "/account/delete", ACCOUNTS),
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
    ("POST", "/budgets/{process}/attach", PLANNERS),
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
    ("GET", "/translations/{translation}/review", PLANNERS),
    ("POST", "/translations/{translation}/review", PLANNERS),
    ("POST", "/reports/{report}/reopen", ACCOUNTS),
    ("POST", "/consultations/comments/{comment}/support", ACCOUNTS),
    ("POST", "/confirm/again", ACCOUNTS),
    ("POST", "/account/email", ACCOUNTS),
    ("POST", "/account/bounce/retry", ACCOUNTS),
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
    "/decisions/{decision}",
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
    "/report.json",
    "/report.schema.json",
    "/report/engagements.csv",
    "/api/v1/issues",
    "/api/v1/issues/{report}",
    "/api/v1/issues.geojson",
    "/api/v1/districts.geojson",
    "/api/v1/openapi.json",
    "/open311/v2/discovery.json",
    "/open311/v2/services.json",
    "/open311/v2/services/streetlight.xml",
    "/open311/v2/requests.json",
    "/open311/v2/requests/{report}.json",
    "/open311/v2/servicerequestupdates.json",
    "/unsubscribe/not-a-token",
    "/signup/check-inbox",
    "/confirm/not-a-token",
    "/password/forgot",
    "/password/sent",
    "/password/reset/not-a-token",
    "/account/email/not-a-token",
    "/reports/new",
]
# Public, with the same answer for everyone, though not a page: what is not there
# (a photo never taken, an unknown token), or a redirect to where it is shown.
SAME_FOR_ALL = [
    ("/reports/{report}/photo.jpg", 404),
    ("/budgets/proposals/{proposal}/photo.jpg", 404),
    ("/updates/{update}/image.jpg", 404),
    ("/budgets/{process}/results", 404),
    ("/open311/v2/tokens/not-a-token.json", 404),
    ("/open311/v2/", 404),
    ("/open311/v2/nowhere", 404),
    ("/questions/{project_question}", 302),
    ("/publish/not-a-token", 400),
]
# Public once published, earlier for staff: what each role gets before publication.
NOT_STAFF = {"anonymous": 404, "resident": 404, "evaluator": 404}
BEFORE_PUBLICATION = [
    ("/budgets/{process}/budget/{budget}.pb", NOT_STAFF),
    ("/consultations/{consultation}/results", NOT_STAFF),
    ("/consultations/{consultation}/results.csv", NOT_STAFF),
    ("/consultations/{consultation}/results.json", NOT_STAFF),
]
# Open to everyone, each checking something other than a role: a form's own rules,
# a consultation's audience, a signed token, an Open311 API key (403 without one).
OPEN_TO_ALL = [
    ("POST", "/signup", None),
    ("POST", "/signin", None),
    ("POST", "/signout", None),
    ("POST", "/language", None),
    ("POST", "/consultations/{consultation}/respond", None),
    ("POST", "/unsubscribe/not-a-token", None),
    ("POST", "/confirm/not-a-token", None),
    ("POST", "/confirm/new-link", None),
    ("POST", "/password/forgot", None),
    ("POST", "/password/reset/not-a-token", None),
    ("POST", "/account/email/not-a-token", None),
    ("POST", "/reports/new", None),
    ("POST", "/publish/not-a-token", None),
    ("POST", "/report/compare", None),
    ("POST", "/api/v1/ladder/assess", None),
    ("POST", "/open311/v2/requests.json", 403),
    ("POST", "/open311/v2/", None),
    ("POST", "/open311/v2/nowhere", None),
]


def _matched(server, method: str, url: str) -> tuple[str, str]:
    path = re.sub(r"\{\w+\}", "1", url).split("?")[0]
    endpoint, _arguments = server.url_map.bind("localhost").match(path, method)
    return endpoint, method


def test_every_route_has_a_row(server):
    rows = {
        *(_matched(server, method, url) for method, url, _roles in ENDPOINTS),
        *(_matched(server, "GET", url) for url in PUBLIC),
        *(_matched(server, "GET", url) for url, _status in SAME_FOR_ALL),
        *(_matched(server, "GET", url) for url, _status in BEFORE_PUBLICATION),
        *(_matched(server, method, url) for method, url, _refused in OPEN_TO_ALL),
    }
    missing = [
        f"{method} {rule.rule}"
        for rule in url_map.rules(server)
        for method in url_map.route_methods(rule)
        if (rule.endpoint, method) not in rows
    ]
    assert not missing, "routes without a row in the access matrix: " + ", ".join(
        missing
    )


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
@pytest.mark.parametrize(("url", "status"), SAME_FOR_ALL)
def test_the_same_answer_for_all(client, login_as, objects, role, url, status):
    if role != "anonymous":
        login_as(role)
    assert client.get(url.format(**objects)).status_code == status


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url", "statuses"), BEFORE_PUBLICATION)
def test_staff_see_before_publication(client, login_as, objects, role, url, statuses):
    if role != "anonymous":
        login_as(role)
    response = client.get(url.format(**objects))
    assert response.status_code == statuses.get(role, 200)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "url", "refused"), OPEN_TO_ALL)
def test_open_routes_ask_no_role(client, login_as, objects, role, method, url, refused):
    if role != "anonymous":
        login_as(role)
    response = client.post_form(url.format(**objects), {})
    assert response.status_code < 500
    assert response.status_code != 403 or refused == 403
    if response.status_code == 302:
        assert not response.headers["Location"].startswith("/signin")


@pytest.mark.parametrize("role", ROLES)
def test_navigation_shows_only_permitted_actions(client, login_as, objects, role):
    if role != "anonymous":
        login_as(role)
    html = client.get(f"/projects/{objects['project']}").get_data(as_text=True)
    assert ('href="/projects/new"' in html) == (role in PLANNERS)
    assert (f'href="/projects/{objects["project"]}/edit"' in html) == (role in PLANNERS)
    assert ('href="/admin/users"' in html) == (role in ADMINS)
