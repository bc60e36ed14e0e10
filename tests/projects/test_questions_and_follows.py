"""Questions with public answers; following, digests and one-click unsubscribe."""

from datetime import timedelta
from email import message_from_bytes

import pytest
from sqlalchemy import select

from participation.core.models import OutboxMessage
from participation.errors import Invalid, NotAllowed, NotFound
from participation.notify.models import Notification
from participation.notify.unsubscribe import unsubscribe, unsubscribe_token
from participation.projects import follows, questions
from participation.projects.models import DigestPreference, Subscription
from participation.types import utcnow


def _ask(project, user, body="When do the works end?", **fields):
    return questions.ask_question(
        user, project.id, questions.QuestionData(body=body, **fields)
    )


def test_a_question_is_answered_in_public_and_the_asker_is_told(
    db, thread_project, make_user
):
    resident = make_user()
    question = _ask(thread_project, resident)
    assert questions.is_waiting(question)
    assert questions.age_in_days(question, utcnow() + timedelta(days=15)) == 15

    questions.answer_question(thread_project.planner, question.id, "In May.", "en")
    assert not questions.is_waiting(question)
    assert question.answer.body == "In May."
    notes = db.session.scalars(
        select(Notification).where(Notification.user_id == resident.id)
    ).all()
    assert [n.question_id for n in notes] == [question.id]

    questions.answer_question(thread_project.planner, question.id, "In June.", "en")
    assert question.answer.body == "In June." and question.answer.edited_at
    assert db.session.scalar(select(db.func.count()).select_from(Notification)) == 1


def test_questions_need_an_account_and_valid_text(db, thread_project, make_user, post):
    from flask_login import AnonymousUserMixin

    with pytest.raises(NotAllowed):
        _ask(thread_project, AnonymousUserMixin())
    resident = make_user()
    with pytest.raises(Invalid) as error:
        _ask(thread_project, resident, body="  ", kind="rant", language="xx")
    assert set(error.value.errors) == {"body", "kind", "language"}
    later = post(publish_at=utcnow() + timedelta(days=1))
    with pytest.raises(Invalid) as error:
        _ask(thread_project, resident, update_id=later.id)
    assert set(error.value.errors) == {"update_id"}
    with pytest.raises(NotFound):
        questions.ask_question(resident, 9999, questions.QuestionData(body="Hi"))


def test_residents_cannot_answer_and_a_comment_never_waits(thread_project, make_user):
    resident = make_user()
    comment = _ask(thread_project, resident, body="Great news!", kind="comment")
    assert not questions.is_waiting(comment)
    with pytest.raises(NotAllowed):
        questions.answer_question(resident, comment.id, "Thanks", "en")


def test_hidden_questions_keep_a_public_reason_and_stop_waiting(
    thread_project, make_user
):
    question = _ask(thread_project, make_user(), body="Phone me on 555-1234")
    with pytest.raises(Invalid):
        questions.hide_question(thread_project.planner, question.id, " ")
    questions.hide_question(thread_project.planner, question.id, "Personal data")
    assert question.hidden_reason == "Personal data"
    assert not questions.is_waiting(question)
    with pytest.raises(Invalid):
        questions.answer_question(thread_project.planner, question.id, "No", "en")


def test_names_are_shown_only_when_chosen(thread_project, make_user):
    shy = _ask(thread_project, make_user(display_name="Shy Resident"))
    proud = _ask(thread_project, make_user(display_name="Ana"), show_name=True)
    assert questions.shown_authors([shy, proud]) == {proud.id: "Ana"}


def test_following_twice_changes_nothing_and_unknown_targets_are_refused(
    db, thread_project, make_user
):
    resident = make_user()
    follows.follow(resident, "project", thread_project.id)
    follows.follow(resident, "project", str(thread_project.id))
    assert len(follows.subscriptions_of(resident)) == 1
    assert follows.is_following(resident, "project", thread_project.id)
    for target, key in [
        ("project", 999),
        ("district", "x"),
        ("theme", "nope"),
        ("user", 1),
    ]:
        with pytest.raises(NotFound):
            follows.follow(resident, target, key)
    follows.unfollow(resident, "project", thread_project.id)
    assert not follows.is_following(resident, "project", thread_project.id)


def test_digests_list_whats_new_once_and_unsubscribe_in_one_click(
    app, db, thread_project, post, make_user
):
    from participation.notify.transports import as_email

    reader, quiet = make_user(), make_user()
    for user in (reader, quiet):
        follows.follow(user, "project", thread_project.id)
    follows.set_digest(reader, "daily")
    with pytest.raises(Invalid):
        follows.set_digest(reader, "hourly")
    preference = db.session.get(DigestPreference, reader.id)
    preference.last_sent_at = utcnow() - timedelta(days=2)
    db.session.commit()
    post(title="Works start Monday")

    assert follows.send_digests("weekly") == 0  # nobody wants a weekly one
    assert follows.send_digests("daily") == 1
    message = db.session.scalar(select(OutboxMessage))
    assert message.to == reader.email
    assert "Works start Monday" in message.body
    assert "/updates/" in message.body
    email = message_from_bytes(bytes(as_email(message)))
    assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert email["List-Unsubscribe"] == f"<{message.unsubscribe_url}>"
    assert message.unsubscribe_url.startswith(app.config["PUBLIC_URL"])
    # Sent already: nothing new, no second email, even when due again.
    assert follows.send_digests("daily", now=utcnow() + timedelta(days=1)) == 0

    token = message.unsubscribe_url.rsplit("/", 1)[1]
    assert "no more digest emails" in unsubscribe(token)
    assert follows.digest_frequency(reader) == "off"
    with pytest.raises(Invalid):
        unsubscribe(token[:-2] + "xx")


def test_an_unsubscribe_token_stops_one_follow_of_its_owner_only(
    db, thread_project, make_user
):
    owner, other = make_user(), make_user()
    mine = follows.follow(owner, "project", thread_project.id)
    theirs = follows.follow(other, "project", thread_project.id)
    forged = unsubscribe_token(owner.id, "follow", str(theirs.id))
    unsubscribe(forged)
    assert db.session.get(Subscription, theirs.id) is not None
    assert "no longer follow" in unsubscribe(
        unsubscribe_token(owner.id, "follow", str(mine.id))
    )
    assert db.session.get(Subscription, mine.id) is None
