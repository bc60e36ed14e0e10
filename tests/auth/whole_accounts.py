"""Two staff members who also take part as residents, each with rows in every column
that names an account, made through the services (test_account_coverage.py checks
that every column of the metadata got some)."""

from datetime import timedelta

import sqlalchemy as sa

from participation.auth.administration import grant_role, verify_district
from participation.auth.sessions import start_sign_in
from participation.budgeting import ballots, paper
from participation.budgeting import services as budgeting
from participation.consultations import comments, responses, survey
from participation.consultations.services import change_closing
from participation.core.models import District
from participation.i18n.models import ContentTranslation
from participation.i18n.services import publish_reviewed_translation
from participation.issues.backing import set_following, support_report
from participation.issues.models import Department
from participation.issues.services import change_status
from participation.issues.staff_alerts import assign_staff
from participation.ladder import people, reviews
from participation.ladder.planners_facts import FactData, record_fact
from participation.ladder.services import assessment_of
from participation.notify.outbox import record_bounce
from participation.notify.preferences import set_choices
from participation.open311.keys import issue_key
from participation.projects import follows, posts, questions, records
from participation.types import utcnow
from tests.budgeting.conftest import put_on_ballot
from tests.consultations.test_services import full_answers


def _contribute(db, person, make_consultation, make_report, ideas, voting, choice):
    """What one person does alone: as planner, evaluator, resident and voter."""
    consultation = make_consultation(actor=person)
    project = consultation.project
    question = consultation.questions[0]
    survey.add_clarification(person, question.id, "North of the bridge.", "en")
    later = utcnow() + timedelta(days=40)
    change_closing(person, consultation.id, later, "More time in summer.", "en")
    responses.submit_response(person, consultation.id, full_answers(consultation), "en")
    section = consultation.sections[0]
    comment = comments.post_comment(person, section.id, "More light, please.", "en")
    comments.support_section(person, section.id)
    record_fact(
        person,
        consultation.id,
        FactData("purpose_persuasion", True, "documented", "Coaching brief"),
    )
    reviews.review(person, consultation.id, assessment_of(consultation).rung)
    issue_key(person, f"Client {person.id}")
    start_sign_in(person, remember=True)
    translation = ContentTranslation(
        text_hash=f"{person.id:064d}", source="en", target="es", original="News"
    )
    db.session.add(translation)
    db.session.commit()
    publish_reviewed_translation(person, translation.id, "Noticias")
    follows.follow(person, "project", project.id)
    follows.set_digest(person, "weekly")
    budget = voting.budgets[0]
    ballots.cast_ballot(person, budget.id, [(choice.id, None)])
    return {
        "project": project,
        "comment": comment,
        "report": make_report(reporter=person, title=f"Light out {person.id}"),
        "proposal": budgeting.submit_proposal(
            person, ideas.budgets[0].id, budgeting.ProposalData("Benches", 5_000)
        ),
        "paper": paper.enter_paper_ballot(
            person, budget.id, f"P-{person.id}", [(choice.id, None)]
        ),
        "question": questions.ask_question(
            person, project.id, questions.QuestionData(body="When?")
        ),
    }


def _follow(person, theirs) -> None:
    support_report(person, theirs["report"].id)
    set_following(person, theirs["report"].id, True)


def _work_for(db, person, other, mine, theirs) -> None:
    """What one person does to the other's contributions, as staff."""
    # The other follows this report: they are told, in the app and by email.
    change_status(person, mine["report"].id, "acknowledged", "On our list.", "en")
    comments.support_comment(person, theirs["comment"].id)
    comments.reply_officially(
        person, "Thank you.", "en", comment_id=theirs["comment"].id
    )
    budgeting.support_proposal(person, theirs["proposal"].id)
    paper.check_paper_ballot(person, theirs["paper"].id)
    questions.answer_question(person, theirs["question"].id, "In spring.", "en")
    project_id = theirs["project"].id
    posts.post_update(person, project_id, posts.UpdateData("News", "Works begin."))
    records.record_decision(
        person,
        project_id,
        records.DecisionData(
            "Approved", "City council", decided_at=utcnow() - timedelta(days=1)
        ),
    )
    district = db.session.scalars(sa.select(District).order_by(District.id)).first()
    verify_district(person, other.id, district.id)
    grant_role(person, other.id, "evaluator")


def two_whole_accounts(db, make_user, make_consultation, make_report, make_process):
    """Ana and Bo, administrators and planners, each with every kind of row."""
    ana = make_user("admin", "planner", display_name="Ana Aaronsdottir")
    bo = make_user("admin", "planner", display_name="Bo Bartholomew")
    ideas, voting = make_process("ideas"), make_process("voting")
    [choice] = put_on_ballot(db, voting.budgets[0], 20_000)
    done = {
        person.id: _contribute(
            db, person, make_consultation, make_report, ideas, voting, choice
        )
        for person in (ana, bo)
    }
    for person, other in ((ana, bo), (bo, ana)):
        _follow(person, done[other.id])
    for person, other in ((ana, bo), (bo, ana)):
        _work_for(db, person, other, done[person.id], done[other.id])
    department = db.session.scalar(sa.select(Department.id).limit(1))
    for person in (ana, bo):  # mail to their address bounced once
        record_bounce(person.email, "550 5.1.1 mailbox full for good")
        assign_staff(person.id, department)  # they handle a department's reports
        set_choices(person, {"report_updates": "digest"})
    people.refresh()  # who took part where, as the city report counts it
    return ana, bo
