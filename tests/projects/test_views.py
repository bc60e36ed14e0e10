"""Project pages, forms, feeds, following and unsubscribing through HTTP."""

import io
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

from sqlalchemy import select

from participation.notify.models import Notification
from participation.notify.unsubscribe import unsubscribe_token
from participation.projects import follows
from participation.projects.models import (
    ProjectMilestone,
    ProjectQuestion,
    ProjectUpdate,
    Subscription,
)
from participation.types import utcnow
from tests.issues.test_photos import jpeg_with_gps
from tests.projects.conftest import days_ago

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_project_page_shows_status_timeline_and_waiting_questions(
    db, client, thread_project, post
):
    post(title="Crews arrive")
    db.session.add(
        ProjectQuestion(
            project=thread_project,
            body="Will the bus stop move?",
            created_at=days_ago(20),
        )
    )
    db.session.commit()
    html = client.get(f"/projects/{thread_project.id}").get_data(as_text=True)
    assert "What's the status?" in html
    assert "Crews arrive" in html and "<strong>Crews</strong>" in html
    assert "Will the bus stop move?" in html
    assert "Not answered yet" in html and "asked <bdi>3 weeks ago</bdi>" in html
    assert "Sign in to follow" in html
    assert f'href="/projects/{thread_project.id}/feed.atom"' in html


def test_markdown_in_updates_is_sanitised_and_images_are_not_embedded(
    client, thread_project, post
):
    post(
        body="Hi <script>alert(1)</script> ![x](https://evil.example/t.png) [ok](https://example.org)"
    )
    html = client.get(f"/projects/{thread_project.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in html
    assert "evil.example" not in html
    assert 'href="https://example.org"' in html


def test_a_resident_follows_asks_and_sees_the_answer(
    db, client, login_as, thread_project
):
    resident = login_as("resident")
    url = f"/projects/{thread_project.id}"
    assert client.post_form(f"/follow/project/{thread_project.id}").status_code == 302
    assert "Following · stop following" in client.get(url).get_data(as_text=True)

    response = client.post_form(
        f"/projects/{thread_project.id}/questions",
        {"kind": "question", "body": "", "language": "en"},
    )
    assert response.status_code == 400
    assert "This field is required." in response.get_data(as_text=True)
    assert db.session.scalar(select(ProjectQuestion)) is None

    response = client.post_form(
        f"/projects/{thread_project.id}/questions",
        {"kind": "question", "body": "Where will the crossing be?", "language": "en"},
    )
    assert response.status_code == 302
    question = db.session.scalar(select(ProjectQuestion))
    assert question.author_id == resident.id and question.show_name is False
    assert response.headers["Location"].endswith(f"#question-{question.id}")

    from participation.projects.questions import answer_question

    answer_question(thread_project.planner, question.id, "By the school gate.", "en")
    html = client.get(url).get_data(as_text=True)
    assert "By the school gate." in html and "The city answered" in html
    notes = client.get("/notifications").get_data(as_text=True)
    assert "The city answered your question" in notes
    assert "What you follow" in notes and thread_project.title in notes


def test_a_planner_posts_an_update_with_a_picture_and_followers_are_told(
    db, client, login_as, thread_project, make_user
):
    follower = make_user()
    follows.follow(follower, "project", thread_project.id)
    login_as("planner")
    response = client.post_form(
        f"/projects/{thread_project.id}/updates/new",
        {
            "title": "New crossing painted",
            "body": "See the *photo*.",
            "language": "en",
            "image": (io.BytesIO(jpeg_with_gps()), "crossing.jpg"),
            "image_alt": "A freshly painted zebra crossing",
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    update = db.session.scalar(select(ProjectUpdate))
    assert update.image and update.notified_at
    note = db.session.scalar(select(Notification).filter_by(user_id=follower.id))
    assert note.update_id == update.id
    image = client.get(f"/updates/{update.id}/image.jpg")
    assert image.status_code == 200 and b"PhoneMaker" not in image.data


def test_planner_forms_show_errors_and_keep_what_was_typed(
    db, client, login_as, thread_project
):
    login_as("planner")
    response = client.post_form(
        f"/projects/{thread_project.id}/updates/new",
        {
            "title": "Kept title",
            "body": "Kept body",
            "language": "en",
            "publish_at": "2001-01-01T10:00",
        },
    )
    html = response.get_data(as_text=True)
    assert "A scheduled time must be in the future." in html
    assert "Kept title" in html and "Kept body" in html
    assert db.session.scalar(select(ProjectUpdate)) is None

    response = client.post_form(
        f"/projects/{thread_project.id}/decisions/new",
        {
            "title": "Approved",
            "decided_by": "Council",
            "decided_on": "2026-02-30",
            "document_url": "javascript:alert(1)",
            "language": "en",
        },
    )
    html = response.get_data(as_text=True)
    assert "Enter a date." in html
    response = client.post_form(
        f"/projects/{thread_project.id}/decisions/new",
        {
            "title": "Approved",
            "decided_by": "Council",
            "decided_on": "2026-02-03",
            "document_url": "javascript:alert(1)",
            "language": "en",
        },
    )
    assert "Give a web address starting with https://." in response.get_data(
        as_text=True
    )

    response = client.post_form(
        f"/projects/{thread_project.id}/milestones/new",
        {
            "title": "Paint",
            "due_on": "2026-03-01",
            "state": "reached",
            "language": "en",
        },
    )
    assert "Give the date the milestone was reached." in response.get_data(as_text=True)
    response = client.post_form(
        f"/projects/{thread_project.id}/milestones/new",
        {
            "title": "Paint",
            "due_on": "2026-03-01",
            "state": "planned",
            "language": "en",
        },
    )
    assert response.status_code == 302
    milestone = db.session.scalar(select(ProjectMilestone))
    # Stored as the start of that day in the city (Europe/Madrid, an hour ahead).
    assert milestone.due_at.isoformat() == "2026-02-28T23:00:00+00:00"


def test_a_scheduled_update_is_shown_to_planners_only(
    client, login_as, thread_project, post
):
    later = post(title="Surprise", publish_at=utcnow() + timedelta(days=2))
    assert client.get(f"/updates/{later.id}").status_code == 404
    assert "Surprise" not in client.get(f"/projects/{thread_project.id}").get_data(
        as_text=True
    )
    login_as("planner")
    html = client.get(f"/projects/{thread_project.id}").get_data(as_text=True)
    assert "Scheduled updates" in html and "Surprise" in html
    assert client.get(f"/updates/{later.id}").status_code == 200


def test_the_project_feed_is_atom_without_scheduled_updates(
    client, thread_project, post
):
    post(title="Works start")
    post(title="Hidden till later", publish_at=utcnow() + timedelta(days=1))
    response = client.get(f"/projects/{thread_project.id}/feed.atom")
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    assert feed.tag == f"{ATOM}feed"
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert titles == ["Update: Works start"]
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href").startswith("http://localhost/updates/")
    assert feed.find(f"{ATOM}id").text.endswith(
        f"/projects/{thread_project.id}/feed.atom"
    )


def test_the_district_page_and_feed_gather_its_projects(
    db, client, login_as, thread_project, post
):
    post(title="District news")
    district = thread_project.district_id
    html = client.get(f"/districts/{district}").get_data(as_text=True)
    assert "District news" in html and thread_project.title in html
    feed = ET.fromstring(client.get(f"/districts/{district}/feed.atom").data)
    assert [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")] == [
        "Update: District news"
    ]
    assert client.get("/districts/999").status_code == 404
    user = login_as("resident")
    client.post_form(f"/follow/district/{district}")
    client.post_form("/follow/theme/mobility")
    assert client.post_form("/follow/theme/nonsense").status_code == 404
    assert client.post_form("/follow/user/1").status_code == 404
    targets = {
        (s.target, s.key)
        for s in db.session.scalars(select(Subscription).filter_by(user_id=user.id))
    }
    assert targets == {("district", str(district)), ("theme", "mobility")}
    assert "Following" in client.get("/themes/mobility").get_data(as_text=True)


def test_unsubscribe_in_one_click_without_signing_in(db, client, make_user):
    user = make_user()
    follows.set_digest(user, "weekly")
    token = unsubscribe_token(user.id, "digest")
    page = client.get(f"/unsubscribe/{token}")
    assert page.status_code == 200 and follows.digest_frequency(user) == "weekly"
    # RFC 8058: the mail client posts, with no session and no CSRF token.
    response = client.post(
        f"/unsubscribe/{token}", data={"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    db.session.expire_all()
    assert follows.digest_frequency(user) == "off"
    assert client.post("/unsubscribe/forged-token").status_code == 400


def test_the_digest_choice_is_saved_from_the_notifications_page(client, login_as, db):
    user = login_as("resident")
    assert (
        client.post_form("/notifications/digest", {"frequency": "daily"}).status_code
        == 302
    )
    assert follows.digest_frequency(user) == "daily"
    response = client.post_form("/notifications/digest", {"frequency": "hourly"})
    assert response.status_code == 400
    assert follows.digest_frequency(user) == "daily"


def test_the_nudge_list_names_silent_projects(db, client, login_as, thread_project):
    thread_project.created_at = days_ago(120)
    db.session.commit()
    login_as("planner")
    html = client.get("/projects/nudges").get_data(as_text=True)
    assert thread_project.title in html and "120 days" in html


def test_the_cron_commands_publish_due_updates_and_queue_digests(
    app, db, thread_project, post, make_user
):
    from participation.core.models import OutboxMessage

    reader = make_user()
    follows.follow(reader, "project", thread_project.id)
    follows.set_digest(reader, "daily")
    update = post(title="Tomorrow", publish_at=utcnow() + timedelta(seconds=1))
    update.publish_at = utcnow() - timedelta(seconds=1)  # its time has come
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["projects", "publish-due"])
    assert "Published 1 scheduled update(s)." in result.output
    from participation.projects.models import DigestPreference

    db.session.get(DigestPreference, reader.id).last_sent_at = days_ago(2)
    db.session.commit()
    result = runner.invoke(args=["projects", "digest", "daily"])
    assert "Queued 1 daily digest(s)." in result.output
    assert "Tomorrow" in db.session.scalar(select(OutboxMessage)).body


def test_long_conversations_are_paged_everywhere(db, client, thread_project, post):
    update = post(title="Busy update")
    db.session.add_all(
        ProjectQuestion(project=thread_project, update_id=update.id, body=f"Q{i:02d}")
        for i in range(60)
    )
    db.session.add_all(
        ProjectQuestion(project=thread_project, body=f"G{i:02d}") for i in range(12)
    )
    db.session.commit()
    html = client.get(f"/projects/{thread_project.id}").get_data(as_text=True)
    # The timeline shows an update's newest three, the project its newest ten.
    assert "Q59" in html and "Q57" in html and "Q56" not in html
    assert "See all 60 questions and comments" in html
    assert "G11" in html and "G02" in html and "G01" not in html
    assert "See all 12 questions and comments" in html

    first = client.get(f"/updates/{update.id}").get_data(as_text=True)
    assert "Q00" in first and "Q49" in first and "Q50" not in first
    more = re.search(r'href="([^"]*after=\d+[^"]*)"', first).group(1)
    second = client.get(more.replace("&amp;", "&")).get_data(as_text=True)
    assert "Q50" in second and "Q59" in second and "Q49" not in second
    assert "More questions and comments" not in second

    listing = client.get(f"/projects/{thread_project.id}/questions").get_data(
        as_text=True
    )
    assert "G00" in listing and "G11" in listing and "Q00" not in listing


def test_errors_and_the_thread_speak_the_readers_language(
    client, login_as, thread_project, post
):
    post(title="Works start Monday")
    login_as("resident")
    spanish = {"Accept-Language": "es"}
    html = client.get(f"/projects/{thread_project.id}", headers=spanish).get_data(
        as_text=True
    )
    assert "Cronología" in html and "Seguir" in html
    response = client.post_form(
        f"/projects/{thread_project.id}/questions",
        {"kind": "question", "body": "", "language": "es"},
        headers=spanish,
    )
    assert response.status_code == 400
    assert "Este campo es obligatorio." in response.get_data(as_text=True)
