"""Tallies and exports: the figures are right and no personal data leaves."""

import csv
import io

import pytest

from participation.consultations import responses, results
from participation.consultations.responses import AnswerData
from tests.consultations.test_services import by_kind, full_answers


@pytest.fixture
def answered(db, make_consultation, make_user, square_city):
    consultation = make_consultation()
    q = by_kind(consultation)
    main, mill, quay = (o.id for o in q["single"].options)
    zebra, lights, table = (o.id for o in q["ranking"].options)
    people = [
        make_user(email=f"resident{n}@example.org", display_name=f"Person {n}")
        for n in range(4)
    ]
    given = [
        ([main], [zebra, lights, table], 1, "Wider pavements", "en"),
        ([main], [lights, zebra, table], 5, "", "es"),
        ([mill], [zebra, table], 4, "Lower speeds please", "fr"),
        ([main], None, 5, "", "en"),
    ]
    for person, (single, ranking, scale, text, language) in zip(
        people, given, strict=True
    ):
        answers = full_answers(
            consultation,
            single=AnswerData(choices=single),
            ranking=AnswerData(choices=ranking),
            scale=AnswerData(number=scale),
            text=AnswerData(text=text),
        )
        responses.submit_response(person, consultation.id, answers, language)
    return consultation, (main, mill, quay), (zebra, lights, table)


def test_tally_counts_shares_borda_and_mean(answered):
    consultation, (main, mill, quay), (zebra, lights, table) = answered
    total, tallies = results.tally(consultation)
    assert total == 4
    by = {r.question.kind: r for r in tallies}
    single = {b.option_id: (b.count, b.share) for b in by["single"].bars}
    assert single == {main: (3, 0.75), mill: (1, 0.25), quay: (0, 0.0)}
    multiple = by["multiple"]
    assert [b.count for b in multiple.bars] == [4, 0, 4]  # shares of those answering
    # Borda with 3 options: first 2 points, second 1, third 0; 3 rankings given.
    ranking = {b.option_id: b.count for b in by["ranking"].bars}
    assert ranking == {zebra: 2 + 1 + 2, lights: 1 + 2, table: 0 + 0 + 1}
    assert by["ranking"].bars[0].option_id == zebra
    assert by["ranking"].bars[0].share == pytest.approx(5 / 6)
    scale = by["scale"]
    assert [b.count for b in scale.bars] == [1, 0, 0, 1, 2]
    assert scale.mean == pytest.approx(3.75)
    assert sorted(a.text for a in by["text"].texts) == [
        "Lower speeds please",
        "Wider pavements",
    ]
    assert by["point"].points == [(52.84, -7.40)] * 4


def test_csv_export_has_one_anonymous_row_per_response(answered):
    consultation, *_ = answered
    rows = list(csv.reader(io.StringIO(results.export_csv(consultation))))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["response", "language", "submitted_on"]
    assert header[3] == "Q1. Which street first?"
    assert len(body) == 4
    assert [r[1] for r in body] == ["en", "es", "fr", "en"]
    assert body[0][3] == "Main Street"
    assert body[0][6] == "Zebra | Lights | Raised table"
    assert body[0][8] == "52.840000,-7.400000"
    text = results.export_csv(consultation)
    assert "@example.org" not in text and "Person" not in text


def test_json_export_is_versioned_and_anonymous(answered):
    consultation, *_ = answered
    data = results.export_json(consultation)
    assert data["format"] == "participation.consultation-results/1"
    assert data["responses"] == 4 and len(data["rows"]) == 4
    first = data["questions"][0]
    assert first["kind"] == "single" and first["options"][0] == {
        "label": "Main Street",
        "count": 3,
        "share": 0.75,
    }
    dumped = repr(data)
    assert "@example.org" not in dumped and "user_id" not in dumped


@pytest.mark.parametrize(
    ("audience", "says"),
    [
        ("everyone", "Open to everyone, with or without an account."),
        ("signed_in", "Open to signed-in residents: one response per account"),
        (
            "district",
            "Open to the residents of <bdi>West Bank</bdi>, as each declares their "
            "district on their account (it is not verified)",
        ),
    ],
)
def test_the_results_page_says_who_could_take_part(
    db, client, login_as, make_consultation, square_city, audience, says
):
    from participation.core.models import District

    west = db.session.scalars(db.select(District).filter_by(name="West Bank")).one()
    consultation = make_consultation(
        audience=audience, district_id=west.id if audience == "district" else None
    )
    login_as("planner")  # staff see the results as they come in
    html = client.get(f"/consultations/{consultation.id}/results").get_data(
        as_text=True
    )
    assert "Who could take part" in html and says in html
