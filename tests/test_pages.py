"""Every page, as an administrator sees it: well-formed titles, one h1, the landmarks."""

import re

import pytest

from participation.config import Defaults

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
    "/account",
    "/admin/users",
    "/nowhere",
]


@pytest.mark.parametrize("locale", Defaults.LOCALES)
@pytest.mark.parametrize("url", PAGES)
def test_page_structure(
    client, login_as, make_engagement, make_consultation, url, locale
):
    admin = login_as("admin")
    engagement = make_engagement(actor=admin, kind="meeting")
    consultation = make_consultation(project=engagement.project, actor=admin)
    budget = make_engagement(
        actor=admin, project=engagement.project, kind="budget_process"
    )
    url = url.format(
        project=engagement.project_id,
        engagement=engagement.id,
        consultation=consultation.id,
        budget=budget.id,
    )
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
