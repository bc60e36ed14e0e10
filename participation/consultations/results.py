"""What residents answered: counts and shares per question, and exports without
personal data."""

import csv
import io
import logging
import statistics
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from participation.consultations.models import Consultation
from participation.consultations.survey_models import Answer, Question, Response
from participation.events import log_event
from participation.extensions import db

log = logging.getLogger(__name__)

EXPORT_FORMAT = "participation.consultation-results/1"


@dataclass
class Bar:
    """One bar of a chart: a label (an option or a scale value), its count and share."""

    label: str
    count: int
    share: float
    option_id: int | None = None


@dataclass
class QuestionResult:
    question: Question
    answered: int
    bars: list[Bar] = field(default_factory=list)
    mean: float | None = None  # scale: mean value; ranking: unused
    texts: list[Answer] = field(default_factory=list)
    points: list[tuple[float, float]] = field(default_factory=list)


def _responses(consultation: Consultation) -> list[Response]:
    return list(
        db.session.scalars(
            select(Response)
            .where(Response.consultation_id == consultation.id)
            .options(selectinload(Response.answers))
            .order_by(Response.created_at, Response.id)
        )
    )


def _share(count: int, total: int) -> float:
    return count / total if total else 0.0


def tally(consultation: Consultation) -> tuple[int, list[QuestionResult]]:
    """The number of responses and each question's result.

    Choices: how many chose each option (shares of those who answered; a multiple
    choice's shares add up to more than 100 %). Rankings: Borda points (an option
    ranked first of n gets n - 1 points, unranked ones none), shown as the share of
    the maximum. Scales: how many gave each value, and the mean.
    """
    responses = _responses(consultation)
    by_question: dict[int, list[Answer]] = {}
    for response in responses:
        for answer in response.answers:
            by_question.setdefault(answer.question_id, []).append(answer)
    results = []
    for question in consultation.questions:
        answers = by_question.get(question.id, [])
        result = QuestionResult(question=question, answered=len(answers))
        if question.kind in ("single", "multiple"):
            for option in question.options:
                count = sum(1 for a in answers if option.id in (a.choices or []))
                result.bars.append(
                    Bar(option.label, count, _share(count, len(answers)), option.id)
                )
        elif question.kind == "ranking":
            n = len(question.options)
            points = {o.id: 0 for o in question.options}
            for answer in answers:
                for rank, option_id in enumerate(answer.choices or []):
                    if option_id in points:
                        points[option_id] += n - 1 - rank
            best = max(1, (n - 1) * len(answers))
            result.bars = sorted(
                (
                    Bar(o.label, points[o.id], points[o.id] / best, o.id)
                    for o in question.options
                ),
                key=lambda bar: -bar.count,
            )
        elif question.kind == "scale":
            values = [a.number for a in answers if a.number is not None]
            for value in range(question.scale_min, question.scale_max + 1):
                count = values.count(value)
                result.bars.append(Bar(str(value), count, _share(count, len(values))))
            result.mean = statistics.fmean(values) if values else None
        elif question.kind == "text":
            result.texts = [a for a in answers if a.text]
        elif question.kind == "point":
            result.points = [(a.lat, a.lon) for a in answers if a.lat is not None]
        results.append(result)
    return len(responses), results


def _answer_value(question: Question, answer: Answer | None) -> str:
    if answer is None:
        return ""
    labels = {o.id: o.label for o in question.options}
    if question.kind in ("single", "multiple", "ranking"):
        return " | ".join(labels.get(c, "") for c in answer.choices or [])
    if question.kind == "scale":
        return "" if answer.number is None else str(answer.number)
    if question.kind == "point":
        return f"{answer.lat:.6f},{answer.lon:.6f}" if answer.lat is not None else ""
    return answer.text


def export_rows(consultation: Consultation) -> tuple[list[str], list[list[str]]]:
    """The header and one row per response: a sequence number, the language, the
    day of submission and each answer (choices by label, rankings in order).
    No account, name, address or exact time."""
    questions = consultation.questions
    header = ["response", "language", "submitted_on"] + [
        f"Q{n}. {q.prompt}" for n, q in enumerate(questions, 1)
    ]
    rows = []
    for n, response in enumerate(_responses(consultation), 1):
        answers = {a.question_id: a for a in response.answers}
        rows.append(
            [str(n), response.language, response.created_at.date().isoformat()]
            + [_answer_value(q, answers.get(q.id)) for q in questions]
        )
    return header, rows


def export_csv(consultation: Consultation) -> str:
    """The responses as CSV (UTF-8, one row per response)."""
    header, rows = export_rows(consultation)
    log_event(
        log,
        "responses.exported",
        consultation_id=consultation.id,
        format="csv",
        rows=len(rows),
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def export_json(consultation: Consultation) -> dict:
    """The questions, the tallies and the anonymous responses, as JSON-ready data."""
    total, results = tally(consultation)
    header, rows = export_rows(consultation)
    log_event(
        log,
        "responses.exported",
        consultation_id=consultation.id,
        format="json",
        rows=len(rows),
    )
    return {
        "format": EXPORT_FORMAT,
        "consultation": {
            "id": consultation.id,
            "title": consultation.title,
            "language": consultation.language,
            "opens_at": consultation.opens_at.isoformat(),
            "closes_at": consultation.closes_at.isoformat()
            if consultation.closes_at
            else None,
        },
        "responses": total,
        "questions": [
            {
                "number": n,
                "kind": r.question.kind,
                "prompt": r.question.prompt,
                "answered": r.answered,
                "options": [
                    {
                        "label": bar.label,
                        "count": bar.count,
                        "share": round(bar.share, 4),
                    }
                    for bar in r.bars
                ],
                "mean": r.mean,
            }
            for n, r in enumerate(results, 1)
        ],
        "rows": [dict(zip(header, row, strict=True)) for row in rows],
    }
