"""The demo projects' threads loaded into the database (the data: demo_threads.py), and
who follows what (plain data and a loop)."""

from datetime import datetime, timedelta

from sqlalchemy import select

from participation.auth.models import User
from participation.core.clock import city_day, start_of_day
from participation.core.demo_data import CITY
from participation.core.models import District, Project
from participation.extensions import db
from participation.notify.models import Notification
from participation.plug import DemoCity
from participation.projects.demo_threads import AMIRA, NIAMH, THREADS, TOMASZ
from participation.projects.follows import follower_ids
from participation.projects.models import (
    Decision,
    DigestPreference,
    ProjectAnswer,
    ProjectMilestone,
    ProjectQuestion,
    ProjectUpdate,
    Subscription,
)

TZ = CITY["timezone"]

# (email, target, project title, district name or theme, days ago)
FOLLOWS = [
    (NIAMH, "project", "Castlehill community orchard", -150),
    (NIAMH, "district", "Southmead", -100),
    (TOMASZ, "theme", "mobility", -200),
    (AMIRA, "project", "Homes on the former Eastbank bus depot", -60),
]


def _day(moment: datetime, days: int = 0) -> datetime:
    """The start of the city day of `moment`, moved by `days` days (UTC)."""
    return start_of_day(city_day(moment, TZ) + timedelta(days=days), TZ)


def fill_threads(city: DemoCity) -> None:
    """Give every demo project its thread and the demo residents what they follow."""
    planner, users, now = city.planner, city.users, city.now
    for data in THREADS:
        project = db.session.scalars(
            select(Project).where(Project.title == data["title"])
        ).one()
        _fill(project, data, planner, users, now)
    _follow(users, now)
    db.session.commit()


def _fill(project: Project, data: dict, planner: User, users: dict, now) -> None:
    def engagement(word: str):
        (found,) = [e for e in project.engagements if word.lower() in e.title.lower()]
        return found

    def when(spec) -> datetime:
        if isinstance(spec, tuple):
            word, field, days = spec
            return getattr(engagement(word), f"{field}_at") + timedelta(days=days)
        return now + timedelta(days=spec)

    project.created_at = when(data["since"])
    updates = []
    for at, title, body, word in data["updates"]:
        publish = when(at)
        updates.append(
            ProjectUpdate(
                project_id=project.id,
                engagement_id=engagement(word).id if word else None,
                title=title,
                body=body,
                author_id=planner.id,
                created_at=min(publish, now) - timedelta(hours=3),
                publish_at=publish,
                notified_at=publish if publish <= now else None,
            )
        )
    db.session.add_all(updates)
    db.session.flush()
    for at, title, by, text, words in data.get("decisions", []):
        decided = _day(when(at))
        slug = f"{by.lower().replace(' ', '-')}/minutes/{city_day(decided, TZ)}"
        _link_themes(
            Decision(
                project_id=project.id,
                title=title,
                description=text,
                decided_by=by,
                decided_at=decided,
                document_url=f"https://demo.city/council/{slug}",
                recorded_by_id=planner.id,
                created_at=min(decided + timedelta(days=1), now),
                engagements=[engagement(word) for word in words],
            )
        )
    for due, title, state, late in data["milestones"]:
        due_at = _day(when(due))
        reached = _day(due_at, late) if state == "reached" else None
        assert reached is None or reached <= now, title
        db.session.add(
            ProjectMilestone(
                project_id=project.id,
                title=title,
                due_at=due_at,
                state=state,
                reached_at=reached,
                created_at=project.created_at,
            )
        )
    for at, email, kind, show, on, language, body, answer in data["questions"]:
        update = updates[on] if on is not None else None
        asked = update.publish_at + timedelta(days=at) if update else when(at)
        question = ProjectQuestion(
            project_id=project.id,
            update_id=update.id if update else None,
            kind=kind,
            body=body,
            language=language,
            author_id=users[email].id,
            show_name=show,
            created_at=asked,
        )
        if answer:
            answered = asked + timedelta(days=answer[0])
            assert answered <= now, body
            question.answer = ProjectAnswer(
                body=answer[1], author_id=planner.id, created_at=answered
            )
        db.session.add(question)


def _link_themes(decision: Decision) -> None:
    """Record the decision; the first theme of each consultation that informed it
    (and is not linked yet) led to it."""
    db.session.add(decision)
    db.session.flush()
    for engagement in decision.engagements:
        themes = getattr(engagement, "themes", [])
        if themes and themes[0].decision_id is None:
            themes[0].decision_id = decision.id


def _follow(users: dict[str, User], now: datetime) -> None:
    named = {"project": Project.title, "district": District.name}
    for email, target, key, days in FOLLOWS:
        if target in named:
            cls, column = named[target].class_, named[target]
            key = str(db.session.scalars(select(cls.id).where(column == key)).one())
        uid, at = users[email].id, now + timedelta(days=days)
        db.session.add(Subscription(user_id=uid, target=target, key=key, created_at=at))
    weekly = DigestPreference(user_id=users[TOMASZ].id, frequency="weekly")
    weekly.last_sent_at = now - timedelta(days=3)
    db.session.add(weekly)
    db.session.flush()
    # Niamh's notifications: recent updates in what she follows, and her answers.
    niamh, since = users[NIAMH].id, now - timedelta(days=90)
    recent = select(ProjectUpdate).where(ProjectUpdate.publish_at.between(since, now))
    notes = [
        Notification(user_id=niamh, update_id=u.id, created_at=u.publish_at)
        for u in db.session.scalars(recent)
        if niamh in follower_ids(u.project)
    ]
    answered = select(ProjectAnswer).join(ProjectQuestion)
    for a in db.session.scalars(answered.where(ProjectQuestion.author_id == niamh)):
        notes.append(
            Notification(
                user_id=niamh, question_id=a.question_id, created_at=a.created_at
            )
        )
    for note in notes:
        # Read the day after, except the last week's.
        if note.created_at < now - timedelta(days=7):
            note.read_at = note.created_at + timedelta(days=1)
    db.session.add_all(notes)
