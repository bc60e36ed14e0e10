"""Evaluators' reviews: confirm or record another rung with a reason, append-only,
the queue's order, the pages."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from participation.core.models import AuditEntry
from participation.errors import Invalid, NotAllowed
from participation.ladder import reviews, services
from participation.types import utcnow


@pytest.fixture
def meeting(make_engagement):
    return make_engagement(
        kind="meeting",
        title="Panel",
        opens_at=utcnow() - timedelta(days=30),
        closes_at=utcnow() - timedelta(days=29),
        claimed_rung=6,
    )


def test_an_evaluator_confirms_or_records_another_rung_with_a_reason(
    db, meeting, make_user
):
    evaluator = make_user("evaluator")
    computed = services.assessment_of(meeting).rung
    first = reviews.review(evaluator, meeting.id, computed)
    assert first.confirms and first.computed_rung == computed
    with pytest.raises(Invalid) as error:
        reviews.review(evaluator, meeting.id, 2)
    assert set(error.value.errors) == {"reason"}
    with pytest.raises(Invalid):
        reviews.review(evaluator, meeting.id, 9, "No")
    second = reviews.review(
        evaluator,
        meeting.id,
        2,
        "The sessions aimed to change tenants' habits.",
        "https://example.org/brief\nMinutes of 3 May",
    )
    assert [r.id for r in reviews.history(meeting.id)] == [second.id, first.id]
    assert reviews.latest(meeting.id) == second and not second.confirms
    actions = db.session.scalars(
        select(AuditEntry.action).where(AuditEntry.action == "ladder.review")
    ).all()
    assert len(actions) == 2
    for role in (None, "planner"):
        with pytest.raises(NotAllowed):
            reviews.review(make_user(*([role] if role else [])), meeting.id, computed)


def test_the_queue_puts_candidates_and_unreviewed_over_claims_first(
    db, make_engagement, make_user
):
    from participation.ladder.models import RecordedFact

    project = make_engagement(kind="meeting", title="Calm", claimed_rung=3).project
    overclaimed = make_engagement(
        kind="meeting", title="Over", claimed_rung=7, project=project
    )
    candidate = make_engagement(
        kind="meeting", title="Persuade", claimed_rung=3, project=project
    )
    db.session.add(
        RecordedFact(
            engagement_id=candidate.id,
            key="purpose_persuasion",
            value=True,
            provenance="documented",
            evidence="brief",
        )
    )
    db.session.commit()
    evaluator = make_user("evaluator")
    calm = db.session.scalar(select(type(overclaimed)).filter_by(title="Calm"))
    reviews.review(evaluator, calm.id, services.assessment_of(calm).rung)
    order = [item.engagement.title for item in reviews.queue()]
    assert order == ["Persuade", "Over", "Calm"]
    items = {item.engagement.title: item for item in reviews.queue()}
    assert "candidate" in items["Persuade"].reasons
    assert {"never_reviewed", "over_claimed"} <= set(items["Over"].reasons)
    assert items["Calm"].reasons == ["low_confidence"]


def test_a_review_shows_everywhere_beside_claimed_and_evidenced(
    db, client, login_as, meeting
):
    login_as("evaluator")
    queue = client.get("/evaluate").get_data(as_text=True)
    assert "Panel" in queue and "never reviewed" in queue
    url = f"/engagements/{meeting.id}/review"
    response = client.post_form(url, {"rung": "5", "reason": ""})
    assert "Say why the evidence supports another rung" in response.get_data(
        as_text=True
    )
    response = client.post_form(
        url, {"rung": "5", "reason": "Residents sit on the panel.", "evidence": ""}
    )
    assert response.status_code == 302
    client.post_form("/signout")
    page = client.get(f"/engagements/{meeting.id}/ladder").get_data(as_text=True)
    assert "An evaluator found:" in page and "rung 5 of 8" in page
    assert "Residents sit on the panel." in page
    engagement_page = client.get(f"/engagements/{meeting.id}").get_data(as_text=True)
    assert "An evaluator found:" in engagement_page


def test_the_history_names_the_evaluator_beside_date_reason_and_evidence(
    db, client, make_user, meeting
):
    from participation.auth.account_data import delete_account
    from tests.conftest import PASSWORD

    evaluator = make_user("evaluator", display_name="Dr Ana <Ruiz>")
    computed = services.assessment_of(meeting).rung
    reviews.review(evaluator, meeting.id, computed, "", "Minutes of 3 May")
    named = "Reviewed by <bdi>Dr Ana &lt;Ruiz&gt;</bdi> (evaluator)"
    ladder = client.get(f"/engagements/{meeting.id}/ladder").get_data(as_text=True)
    history = ladder.split('id="reviews"')[1]
    assert named in history and "Minutes of 3 May" in history
    assert "confirms the computed rung" in history
    assert named in client.get(f"/engagements/{meeting.id}").get_data(as_text=True)
    assert [r.reviewer_name for r in reviews.history(meeting.id)] == ["Dr Ana <Ruiz>"]
    # The account goes; the review stays, and says its evaluator is no longer known.
    delete_account(evaluator, PASSWORD)
    db.session.expire_all()
    ladder = client.get(f"/engagements/{meeting.id}/ladder").get_data(as_text=True)
    assert "Dr Ana" not in ladder
    assert "an evaluator whose account has since been deleted" in ladder
    assert "Minutes of 3 May" in ladder
