"""How fast one person may contribute: per account wherever it posts from, per address
whichever accounts post from it, refused with a message in the reader's language."""

import pytest
import sqlalchemy as sa

from participation.extensions import db as _db
from tests.conftest import PASSWORD, FormClient, make_app
from tests.consultations.test_views import survey_form
from tests.issues.test_views import new_report_form

LIMITS = {
    "REPORT_RATE_LIMIT": "3 per minute",
    "PROPOSAL_RATE_LIMIT": "3 per minute",
    "COMMENT_RATE_LIMIT": "3 per minute",
    "ANSWER_RATE_LIMIT": "3 per minute",
    "QUESTION_RATE_LIMIT": "3 per minute",
    "ADDRESS_RATE_LIMIT": "5 per minute",
}
SPANISH = {"Accept-Language": "es"}
SLOW_DOWN = "Has enviado mucho en poco tiempo"


@pytest.fixture
def served(app):
    served = make_app(
        app.config["SQLALCHEMY_DATABASE_URI"], app.instance_path, **LIMITS
    )
    yield served
    with served.app_context():
        _db.engine.dispose()


def signed_in(served, user, address="10.0.0.1") -> FormClient:
    client = FormClient(served.test_client())
    client.client.environ_base["REMOTE_ADDR"] = address
    response = client.post_form("/signin", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def reports(db) -> int:
    from participation.issues.models import Report

    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count(Report.id)))


def test_an_account_files_reports_at_its_pace_wherever_it_posts_from(
    served, db, square_city, make_category, make_user
):
    category = make_category()
    user = make_user()
    form = new_report_form(category, confirm_new="1")
    # One browser signed in from each of 15 addresses (a session stays on one).
    statuses = [
        signed_in(served, user, f"10.0.1.{n}")
        .post_form("/reports/new", form)
        .status_code
        for n in range(15)
    ]
    assert statuses == [302] * 3 + [429] * 12
    assert reports(db) == 3
    client = signed_in(served, user, "10.0.1.99")
    refused = client.post_form("/reports/new", form, headers=SPANISH)
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    assert SLOW_DOWN in refused.get_data(as_text=True)


def test_an_address_shares_one_pace_between_its_accounts(
    served, db, square_city, make_category, make_user
):
    category = make_category()
    form = new_report_form(category, confirm_new="1")
    statuses = [
        signed_in(served, make_user(), "10.0.0.9")
        .post_form("/reports/new", form)
        .status_code
        for _n in range(7)
    ]
    assert statuses == [302] * 5 + [429] * 2
    assert reports(db) == 5
    # Another address is not held back by this one's.
    other = signed_in(served, make_user(), "10.0.0.10")
    assert other.post_form("/reports/new", form).status_code == 302


def contributions(objects):
    consultation, process = objects["consultation"], objects["process"]
    section = consultation.sections[0]
    yield f"/consultations/{consultation.id}/respond", survey_form(consultation)
    yield (
        f"/consultations/{consultation.id}/sections/{section.id}/comments",
        {f"s{section.id}-body": "More light, please.", f"s{section.id}-language": "en"},
    )
    yield (
        f"/budgets/{process.id}/propose",
        {
            "budget_id": str(process.budgets[0].id),
            "title": "A bench",
            "cost": "4000",
            "language": "en",
        },
    )
    yield (
        f"/projects/{consultation.project_id}/questions",
        {"body": "When does it start?", "language": "en"},
    )


def test_every_kind_of_contribution_is_paced(
    served, make_user, make_consultation, make_process
):
    objects = {
        "consultation": make_consultation(),
        "process": make_process("ideas"),
    }
    for n, (url, form) in enumerate(contributions(objects)):
        client = signed_in(served, make_user(), f"10.0.2.{n}")
        statuses = [client.post_form(url, form).status_code for _n in range(4)]
        assert statuses == [302, 302, 302, 429], url
