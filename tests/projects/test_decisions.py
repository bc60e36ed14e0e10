""" "What we heard, what we did" names the decision each theme led to, chosen from the
project's decisions; the decision's page lists the themes and engagements that
informed it; the timeline links to it."""

from datetime import UTC, datetime, timedelta

import pytest
from flask_babel import force_locale

from participation.consultations import outcome, services
from participation.consultations.models import ReportTheme
from participation.errors import Invalid
from participation.projects import records
from participation.types import utcnow


def decide(planner, project_id, title, engagement_ids=()):
    return records.record_decision(
        planner,
        project_id,
        records.DecisionData(
            title=title,
            decided_by="City council",
            decided_at=datetime(2026, 3, 2, tzinfo=UTC),
            document_url="https://example.org/minutes",
            engagement_ids=list(engagement_ids),
        ),
    )


@pytest.fixture
def closed(db, make_consultation, make_user, square_city):
    """A closed consultation, a decision of its project and one of another."""
    planner = make_user("planner")
    consultation = make_consultation(actor=planner)
    services.change_closing(planner, consultation.id, utcnow(), "Enough", "en")
    ours = decide(planner, consultation.project_id, "Crossings at both schools")
    other = make_consultation(actor=planner)
    theirs = decide(planner, other.project_id, "A new bridge")
    return planner, consultation, ours, theirs


def publish(planner, consultation, *themes):
    return outcome.publish_report(
        planner,
        consultation.id,
        "",
        list(themes),
        utcnow() - timedelta(minutes=1),
        "en",
    )


def test_a_theme_links_to_a_decision_of_its_own_project_only(db, closed):
    planner, consultation, ours, theirs = closed
    for wrong in (theirs.id, 999_999):
        theme = outcome.ThemeData("Schools", "Two crossings", wrong)
        with pytest.raises(Invalid) as error:
            publish(planner, consultation, theme)
        assert error.value.errors == {
            "themes": "Link each theme to a decision of this project."
        }
        with force_locale("fr"), pytest.raises(Invalid) as error:
            publish(planner, consultation, theme)
        assert error.value.errors["themes"] != (
            "Link each theme to a decision of this project."
        )
    publish(
        planner,
        consultation,
        outcome.ThemeData("Schools", "Two crossings", ours.id),
        outcome.ThemeData("Speed", "Not decided yet"),
    )
    themes = db.session.scalars(
        db.select(ReportTheme).order_by(ReportTheme.position)
    ).all()
    assert [t.decision_id for t in themes] == [ours.id, None]


def test_the_report_form_offers_the_projects_decisions(client, db, login_as, closed):
    _planner, consultation, ours, theirs = closed
    login_as("planner")
    url = f"/consultations/{consultation.id}/report"
    form = client.get(url).get_data(as_text=True)
    assert "The decision it led to" in form
    assert f'<option value="{ours.id}">Crossings at both schools' in form
    assert "A new bridge" not in form
    fields = {
        "themes-0-heard": "Crossings at schools first",
        "themes-0-did": "Two crossings this spring",
        "decided_at": "2026-01-15T10:00",
        "language": "en",
    }
    forged = client.post_form(url, {**fields, "themes-0-decision": str(theirs.id)})
    assert forged.status_code == 200 and "Not a valid choice" in forged.get_data(
        as_text=True
    )
    response = client.post_form(url, {**fields, "themes-0-decision": str(ours.id)})
    assert response.status_code == 302, response.get_data(as_text=True)
    again = client.get(url).get_data(as_text=True)
    assert f'<option selected value="{ours.id}">' in again
    results = client.get(f"/consultations/{consultation.id}/results").get_data(
        as_text=True
    )
    assert f'href="/decisions/{ours.id}"' in results
    assert "The decision: Crossings at both schools" in results


def test_the_decision_page_lists_what_informed_it(client, db, closed, make_engagement):
    planner, consultation, ours, _theirs = closed
    meeting = make_engagement(
        kind="meeting", title="Walk with parents", project=consultation.project
    )
    decision = decide(planner, consultation.project_id, "Lower speeds", [meeting.id])
    publish(
        planner,
        consultation,
        outcome.ThemeData("Cars go too fast", "A 30 km/h zone", decision.id),
    )
    page = client.get(f"/decisions/{decision.id}").get_data(as_text=True)
    assert "Lower speeds" in page and "Decided by <bdi>City council</bdi> on" in page
    assert 'href="https://example.org/minutes"' in page
    informed = page.split('id="informed-heading"')[1].split('id="themes-heading"')[0]
    assert "Walk with parents" in informed
    themes = page.split('id="themes-heading"')[1]
    assert "Cars go too fast" in themes and "A 30 km/h zone" in themes
    assert f'href="/consultations/{consultation.id}/results#report"' in themes
    empty = client.get(f"/decisions/{ours.id}").get_data(as_text=True)
    assert "No theme of “what we heard, what we did” is linked" in empty
    assert client.get("/decisions/999999").status_code == 404
    timeline = client.get(f"/projects/{consultation.project_id}").get_data(as_text=True)
    assert f'href="/decisions/{decision.id}"' in timeline


def test_a_theme_outlives_its_decision(db, closed):
    if db.engine.dialect.name == "sqlite":
        pytest.skip("the tests' SQLite does not enforce foreign keys")
    planner, consultation, ours, _theirs = closed
    publish(planner, consultation, outcome.ThemeData("Schools", "Crossings", ours.id))
    db.session.delete(ours)
    db.session.commit()
    db.session.expire_all()
    theme = db.session.scalars(db.select(ReportTheme)).one()
    assert theme.decision_id is None and theme.did == "Crossings"
