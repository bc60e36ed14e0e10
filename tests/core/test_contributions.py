"""Inputs of engagements across languages."""

from datetime import timedelta

from participation.core.contributions import machine_translation_share
from participation.core.models import Engagement
from participation.types import utcnow


def test_reports_belong_to_the_open_issue_channel_and_count_by_language(
    client, db, square_city, login_as, make_engagement, make_report, make_user
):
    channel = make_engagement(
        kind="issue_channel", title="Report it", opens_at=utcnow() - timedelta(days=1)
    )
    english = make_report(title="Lamp out", language="en")
    make_report(title="Farola apagada", language="es", lat=52.85)
    make_report(title="Lampa nie działa", language="pl", lat=52.86)
    assert english.engagement_id == channel.id
    figures = machine_translation_share(db.session.get(Engagement, channel.id), "en")
    assert (figures.inputs, figures.other_language) == (3, 2)

    login_as("evaluator")
    html = client.get(f"/engagements/{channel.id}").get_data(as_text=True)
    assert "3 inputs so far." in html and "67%" in html


def test_residents_do_not_see_the_language_figures(
    client, db, square_city, login_as, make_engagement
):
    channel = make_engagement(
        kind="issue_channel", opens_at=utcnow() - timedelta(days=1)
    )
    login_as()
    assert "Inputs across languages" not in client.get(
        f"/engagements/{channel.id}"
    ).get_data(as_text=True)


def test_closed_channels_take_no_reports(db, square_city, make_engagement, make_report):
    make_engagement(
        kind="issue_channel",
        opens_at=utcnow() - timedelta(days=10),
        closes_at=utcnow() - timedelta(days=1),
    )
    assert make_report().engagement_id is None
