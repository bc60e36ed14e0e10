"""The demo city's consultations: questions, a text to comment on, and for the ones
already held, residents' answers in their languages, the city's replies and its
"what we heard, what we did"."""

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from participation.consultations import comments, outcome, services, survey
from participation.consultations.models import Comment, Consultation
from participation.consultations.survey import QuestionData
from participation.consultations.survey_models import Answer, Response
from participation.extensions import db
from participation.plug import DemoCity
from participation.types import utcnow

QUESTIONS = [
    QuestionData(
        "single",
        "Which should come first?",
        required=True,
        options=["The busiest places", "The places near schools", "The cheapest fixes"],
    ),
    QuestionData(
        "scale",
        "How well does the plan answer your needs?",
        scale=(1, 5),
        min_label="Not at all",
        max_label="Completely",
    ),
    QuestionData("text", "What would you change, and why?"),
]
SECTION = (
    "The proposal in brief",
    "The city proposes to start where most people are affected, then to work "
    "outwards. **Tell us** what is missing or what should change.",
)
# (resident's email, language, first choice, scale, free text, comment)
VOICES = [
    (
        "resident@demo.city",
        "en",
        1,
        4,
        "Start at the school gates: that is where children cross alone.",
        "Please publish the list of places before works start.",
    ),
    (
        "tomasz@demo.city",
        "pl",
        0,
        3,
        "Najpierw ulice, na których jeździ najwięcej samochodów.",
        "Proszę o informacje także po polsku.",
    ),
    (
        "amira@demo.city",
        "ar",
        1,
        5,
        "ابدأوا بالأماكن القريبة من المدارس.",
        "",
    ),
]
REPLY = (
    "Thank you. The list of places will be published with the decision, and the "
    "works follow the order most residents chose."
)
THEMES = [
    outcome.ThemeData(
        "Most residents asked to start near schools, where children cross alone.",
        "The first works are at the school gates; the busiest junctions follow.",
    ),
    outcome.ThemeData(
        "Residents asked for the list of places and for information in their "
        "languages.",
        "The list is published with the decision, in every language of the platform.",
    ),
]


def fill_consultations(city: DemoCity) -> None:
    """Give every demo consultation its survey and text; answer the ones held."""
    planner, users = city.planner, city.users
    now = utcnow()
    for consultation in db.session.scalars(select(Consultation).order_by("id")):
        consultation.commitment = "respond_all"
        consultation.commitment_url = (
            "https://example.org/council/participation-charter"
        )
        consultation.still_open = "The order of the works, and what residents add."
        db.session.commit()
        for question in QUESTIONS:
            survey.add_question(planner, consultation.id, question)
        comments.add_section(planner, consultation.id, *SECTION)
        if consultation.opens_at > now:
            continue
        _answer(consultation, users, now)
        first_input = db.session.scalars(
            select(Response).where(Response.consultation_id == consultation.id)
        ).first()
        comments.reply_officially(planner, REPLY, "en", response_id=first_input.id)
        if services.phase(consultation, now) == services.CLOSED:
            decided = consultation.decided_at
            if decided is None or decided > now:
                decided = now
            outcome.publish_report(
                planner,
                consultation.id,
                "Thank you to everyone who took part.",
                THEMES,
                decided,
                "en",
            )


def _answer(consultation: Consultation, users: dict[str, Any], now) -> None:
    """The demo residents' answers, inside the consultation's dates (written directly:
    a consultation already closed refuses new answers through the service)."""
    end = min(consultation.closes_at or now, now)
    when = consultation.opens_at + (end - consultation.opens_at) / 2
    single, scale, text = consultation.questions
    section = consultation.sections[0]
    for n, (email, language, choice, value, words, remark) in enumerate(VOICES):
        user = users[email]
        at = when + timedelta(hours=n)
        response = Response(
            consultation_id=consultation.id,
            user_id=user.id,
            language=language,
            created_at=at,
            updated_at=at,
        )
        response.answers = [
            Answer(
                question_id=single.id,
                choices=[single.options[choice].id],
                language=language,
            ),
            Answer(question_id=scale.id, number=value, language=language),
            Answer(question_id=text.id, text=words, language=language),
        ]
        db.session.add(response)
        if remark:
            db.session.add(
                Comment(
                    consultation_id=consultation.id,
                    section_id=section.id,
                    author_id=user.id,
                    body=remark,
                    language=language,
                    created_at=at,
                )
            )
    db.session.commit()
