"""People can download their data and delete their account."""

import json

import pytest
from sqlalchemy import select

from participation.auth.account_data import delete_account, export_account
from participation.auth.models import RoleGrant, User
from participation.core.models import AuditEntry, Project
from participation.errors import Invalid
from tests.conftest import PASSWORD


def test_export_lists_account_roles_and_official_actions(db, make_user, make_project):
    planner = make_user("planner", display_name="Pat", locale="es")
    make_project(actor=planner)
    data = export_account(planner)
    assert data["account"]["email"] == planner.email
    assert data["account"]["display_name"] == "Pat"
    assert data["account"]["preferred_language"] == "es"
    assert data["account"]["roles"] == ["planner", "resident"]
    assert [a["action"] for a in data["official_actions"]] == ["project.create"]
    assert "password_hash" not in json.dumps(data)


def test_delete_account_forgets_authorship_and_keeps_public_work(
    db, make_user, make_project
):
    admin = make_user("admin")
    planner = make_user("planner")
    planner_id = planner.id
    project = make_project(actor=planner)
    delete_account(planner, PASSWORD)
    db.session.expire_all()
    assert db.session.get(User, planner_id) is None
    assert db.session.get(Project, project.id).created_by_id is None
    assert (
        db.session.scalars(
            select(RoleGrant).where(RoleGrant.user_id == planner_id)
        ).all()
        == []
    )
    assert all(e.actor_id != planner_id for e in db.session.scalars(select(AuditEntry)))
    assert db.session.get(User, admin.id) is not None


def test_delete_needs_the_password_and_spares_the_last_admin(db, make_user):
    user = make_user()
    with pytest.raises(Invalid):
        delete_account(user, "not my password")
    assert db.session.get(User, user.id) is not None
    admin = make_user("admin")
    with pytest.raises(Invalid):
        delete_account(admin, PASSWORD)
    assert db.session.get(User, admin.id) is not None


def test_export_download(client, login_as):
    user = login_as()
    response = client.get("/account/export")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.get_json()["account"]["email"] == user.email


def test_delete_through_the_account_page(client, db, login_as):
    user_id = login_as().id
    response = client.post_form(
        "/account/delete", {"delete-password": "wrong password"}
    )
    assert response.status_code == 400
    assert "This is not your current password." in response.get_data(as_text=True)
    response = client.post_form("/account/delete", {"delete-password": PASSWORD})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user_id) is None
    assert client.get("/account").status_code == 302


def test_consultation_answers_are_exported_and_kept_anonymous_after_deletion(
    db, make_user, make_consultation, square_city
):
    from participation.auth.services import set_home_district
    from participation.consultations import comments, responses
    from participation.consultations.models import Comment, CommentSupport
    from participation.consultations.survey_models import Response
    from participation.core.models import District
    from tests.consultations.test_services import full_answers

    resident, other = make_user(), make_user()
    district = db.session.scalars(select(District)).first()
    set_home_district(resident, district.id)
    with pytest.raises(Invalid):
        set_home_district(resident, 999_999)
    consultation = make_consultation()
    responses.submit_response(
        resident, consultation.id, full_answers(consultation), "es"
    )
    comment = comments.post_comment(
        resident, consultation.sections[0].id, "Más luz, por favor.", "es"
    )
    theirs = comments.post_comment(other, consultation.sections[0].id, "Sí.", "es")
    comments.support_comment(resident, theirs.id)
    data = export_account(resident)
    assert data["account"]["district"] == district.name
    [response] = data["consultation_responses"]
    assert response["consultation"] == consultation.id and len(response["answers"]) == 6
    assert data["consultation_comments"][0]["body"] == "Más luz, por favor."

    delete_account(resident, PASSWORD)
    assert db.session.scalars(select(Response.user_id)).all() == [None]
    assert db.session.get(Comment, comment.id).author_id is None
    assert db.session.scalars(select(CommentSupport)).all() == []
    assert db.session.get(Comment, theirs.id).support_count == 1  # counts stay


def test_budget_proposals_and_ballots_are_exported_and_unlinked_on_deletion(
    db, make_user, make_process
):
    from participation.budgeting import ballots, services
    from participation.budgeting.models import Ballot, Proposal, ProposalSupport
    from tests.budgeting.conftest import put_on_ballot

    ideas = make_process("ideas")
    resident = make_user()
    mine = services.submit_proposal(
        resident,
        ideas.budgets[0].id,
        services.ProposalData(title="Benches", cost=5_000, lat=52.84, lon=-7.39),
    )
    other = services.submit_proposal(
        make_user(), ideas.budgets[0].id, services.ProposalData("Trees", 9_000)
    )
    services.support_proposal(resident, other.id)
    voting = make_process("voting")
    [project] = put_on_ballot(db, voting.budgets[0], 20_000)
    cast = ballots.cast_ballot(resident, voting.budgets[0].id, [(project.id, None)])
    data = export_account(resident)
    assert [p["title"] for p in data["budget_proposals"]] == ["Benches"]
    assert data["budget_proposals"][0]["lat"] == 52.84
    assert [s["proposal"] for s in data["budget_proposals_supported"]] == [other.id]
    [ballot] = data["budget_ballots"]
    assert ballot["receipt"] == cast.receipt
    assert ballot["projects"] == [{"proposal": project.id, "points": None}]

    delete_account(resident, PASSWORD)
    assert db.session.get(Proposal, mine.id).author_id is None
    assert db.session.scalars(select(ProposalSupport)).all() == []
    assert db.session.get(Proposal, other.id).support_count == 1  # counts stay
    kept = db.session.get(Ballot, cast.id)
    assert kept.user_id is None and kept.voter_key == f"deleted:{cast.id}"
    assert ballots.check_receipt(cast.receipt).id == cast.id  # still counted


def test_project_questions_and_follows_are_exported_then_forgotten(
    db, make_user, make_project
):
    from participation.auth.account_data import delete_account, export_account
    from participation.projects import follows, questions
    from participation.projects.models import ProjectQuestion, Subscription

    project = make_project()
    resident = make_user()
    asked = questions.ask_question(
        resident, project.id, questions.QuestionData(body="When?", show_name=True)
    )
    follows.follow(resident, "project", project.id)
    follows.set_digest(resident, "weekly")
    data = export_account(resident)
    assert data["project_questions"][0]["body"] == "When?"
    assert data["project_questions"][0]["name_shown"] is True
    assert data["following"][0]["what"] == "project"
    assert [d["frequency"] for d in data["email_digest"]] == ["weekly"]

    delete_account(resident, PASSWORD)
    kept = db.session.get(ProjectQuestion, asked.id)
    assert kept.body == "When?" and kept.author_id is None
    assert db.session.scalar(db.select(Subscription)) is None
