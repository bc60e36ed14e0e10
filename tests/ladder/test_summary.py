"""The city report's opening paragraph: which sentences a world of figures gives
(pure), how they read in English, German, Polish and Arabic (plural forms, numbers,
money and dates in the reader's locale, <bdi> in the HTML), and the page that shows
it with its method note and a ladder chart whose marks name and link their
engagements."""

import re
from datetime import date

import pytest
from flask_babel import force_locale

from participation.ladder.summary import Figures, Scope, Sentence, sentences
from participation.ladder.summary_words import paragraph

# A year of a city's figures (the example).
YEAR = Figures(
    engagements=32,
    citizen_power=6,
    citizen_power_money=1_700_000,
    claims=32,
    over_claimed=12,
    after_the_fact=3,
    answered_share=0.73,
    winners=10,
    implemented_share=0.8,
    per_1000=12.34,
)
IN_2026 = Scope(date(2026, 1, 1), date(2026, 12, 31), "West Bank")


def test_a_year_of_figures_gives_a_sentence_per_known_figure():
    assert sentences(YEAR) == [
        Sentence("engagements", "some", 32, 32),
        Sentence("citizen_power", "some", 6, 32, {"money": 1_700_000}),
        Sentence("over_claim", "some", 12, 32),
        Sentence("after_the_fact", "some", 3, 0),
        Sentence("answered", "some", 0, 0, {"share": 0.73}),
        Sentence("delivered", "some", 10, 10, {"share": 0.8}),
        Sentence("reach", "some", 0, 0, {"per_1000": 12.34}),
    ]


def test_unknown_figures_say_nothing_and_an_empty_report_says_so():
    said = sentences(Figures(engagements=3, claims=3))
    assert [s.says for s in said] == ["engagements", "citizen_power", "over_claim"]
    # None of them: the sentence names the whole.
    assert said[1] == Sentence("citizen_power", "none", 3, 3, {})
    assert said[2] == Sentence("over_claim", "none", 3, 3)
    assert sentences(Figures(engagements=0)) == [Sentence("engagements", "empty", 0, 0)]
    # No engagement made a claim: said so, never counted as claimed.
    assert sentences(Figures(engagements=2))[2] == Sentence("over_claim", "empty", 2, 2)


def test_the_figures_come_from_the_report_itself():
    from participation.ladder.summary import figures_of

    cell = {"engagements": 0, "money": 0.0, "participants": 0}
    by_rung = {n: dict(cell) for n in range(1, 9)}
    by_rung[7] = {"engagements": 2, "money": 500_000.0, "participants": 90}
    by_rung[4] = {"engagements": 3, "money": 0.0, "participants": 40}
    report = {
        "engagements": 5,
        "distribution": {"by_rung": by_rung},
        "marks": [{"engagement": i, "claimed": 5} for i in range(5)],
        "over_claim": {"engagements": [1, 2]},
        "timeliness": {"share_before_decision": 0.5, "after_the_fact": [3]},
        "responsiveness": {"answered_share": None},
        "delivery": {"winners": 0, "implemented_share": None},
        "reach": {"per_1000_city": None},
    }
    assert figures_of(report) == Figures(
        engagements=5,
        citizen_power=2,
        citizen_power_money=500_000,
        claims=5,
        over_claimed=2,
        after_the_fact=1,
    )
    report["timeliness"] = {"share_before_decision": None, "after_the_fact": []}
    assert figures_of(report).after_the_fact is None  # no decision dates: unknown


def words(locale, figures, scope=IN_2026, html=False):
    with force_locale(locale):
        return " ".join(paragraph(sentences(figures), scope, "EUR", html=html))


def test_the_paragraph_in_english(app):
    with app.test_request_context():
        assert words("en", YEAR) == (
            "32 engagements opened in West Bank between January 1, 2026 and "
            "December 31, 2026. 6 of them gave residents real power (rungs 6–8), "
            "with €1.7M at stake. 12 of the 32 engagements that made a claim "
            "claimed more than the evidence shows. 3 opened only after the "
            "decisions they were meant to inform had been taken. Officials "
            "answered 73% of residents' inputs. 80% of the 10 winning proposals "
            "have been delivered. About 12.3 in every 1,000 residents took part."
        )
        one = Figures(engagements=1, claims=1, after_the_fact=0, answered_share=0)
        assert words("en", one, Scope()) == (
            "1 engagement has opened across the whole city so far. This engagement "
            "did not give residents real power (rungs 6–8). The engagement that "
            "made a claim claimed no more than the evidence shows. Every engagement "
            "with a decision date opened before that decision was taken. Officials "
            "have answered none of residents' inputs."
        )
        three = Figures(engagements=3, claims=3, citizen_power=3, over_claimed=3)
        assert words("en", three, Scope(first_day=date(2026, 4, 1))) == (
            "3 engagements have opened across the whole city since April 1, 2026. "
            "All 3 gave residents real power (rungs 6–8). All 3 engagements that "
            "made a claim claimed more than the evidence shows."
        )
        assert words("en", Figures(engagements=0), IN_2026) == (
            "No engagement opened in West Bank between January 1, 2026 and "
            "December 31, 2026."
        )


def test_the_paragraph_in_german_and_polish_plural_forms(app):
    with app.test_request_context():
        german = words("de", YEAR)
        assert german.startswith("32 Beteiligungsverfahren wurden im Stadtteil West")
        assert "1,7\u00a0Mio.\u00a0€" in german and "12 der 32 Verfahren" in german
        assert "73\u00a0%" in german
        one = Figures(engagements=1, claims=1)
        assert words("de", one, Scope()).startswith(
            "Bisher wurde 1 Beteiligungsverfahren in der ganzen Stadt eröffnet."
        )
        # Polish: one, few (2–4, 22–24 …) and many (5–21, 25 …).
        assert [
            words("pl", Figures(engagements=n), Scope()).split(".")[0]
            for n in (1, 3, 5, 22)
        ] == [
            "Jak dotąd w całym mieście otwarto 1 proces partycypacyjny",
            "Jak dotąd w całym mieście otwarto 3 procesy partycypacyjne",
            "Jak dotąd w całym mieście otwarto 5 procesów partycypacyjnych",
            "Jak dotąd w całym mieście otwarto 22 procesy partycypacyjne",
        ]


def test_the_paragraph_in_arabic_its_six_plural_forms_and_bdi(app):
    with app.test_request_context():
        first = {
            n: words("ar", Figures(engagements=n), Scope()).split(".")[0]
            for n in (1, 2, 3, 11, 100)
        }
        assert first[1] == "فُتحت عملية تشاركية واحدة (1) في المدينة بأكملها حتى الآن"
        assert first[2] == "فُتحت عمليتان تشاركيتان (2) في المدينة بأكملها حتى الآن"
        assert first[3] == "فُتحت 3 عمليات تشاركية في المدينة بأكملها حتى الآن"
        assert first[11] == "فُتحت 11 عملية تشاركية في المدينة بأكملها حتى الآن"
        assert first[100] == "فُتحت 100 عملية تشاركية في المدينة بأكملها حتى الآن"
        none = words("ar", Figures(engagements=3, claims=3), Scope())
        assert "لم تمنح أيٌّ من العمليات التشاركية الـ 3 السكانَ سلطة حقيقية" in none
        html = words("ar", YEAR, Scope(district="West <Bank>"), html=True)
        assert "<bdi>West &lt;Bank&gt;</bdi>" in html  # escaped, isolated
        assert "<bdi>\u200f1.7\u00a0مليون\u00a0€</bdi>" in html
        assert "<bdi>32</bdi>" in html and "<" not in re.sub(r"</?bdi>", "", html)


@pytest.fixture
def two_meetings(db, make_engagement):
    first = make_engagement(kind="meeting", title="Walk", claimed_rung=5)
    second = make_engagement(
        kind="meeting", title="Café", claimed_rung=4, project=first.project
    )
    return first, second


def test_the_report_opens_with_the_paragraph_and_its_method_note(client, two_meetings):
    html = client.get("/report").get_data(as_text=True)
    summary = html[html.index('<p class="report-summary"') :]
    summary = summary[: summary.index("</p>")]
    assert "<bdi>2</bdi> engagements have opened across the whole city so far." in (
        summary
    )
    assert "None of the <bdi>2</bdi> engagements gave residents real power" in summary
    assert "How these figures are made" in html
    assert "an account once however often it took part" in html
    assert "with declared facts alone the rung stops at 4" in html
    assert "Groups under 10 people are never shown" in html
    spanish = client.get("/report", headers={"Accept-Language": "es"})
    assert "se han abierto en toda la ciudad" in spanish.get_data(as_text=True)


def test_each_mark_of_the_ladder_names_and_links_its_engagement(client, two_meetings):
    html = client.get("/report").get_data(as_text=True)
    chart = html[html.index("<svg") : html.index("</svg>")]
    for engagement in two_meetings:
        marks = re.findall(
            rf'<a href="/engagements/{engagement.id}/ladder" aria-label="([^"]+)"',
            chart,
        )
        assert marks and marks[0].startswith(f"{engagement.title} — claimed ")
    assert 'role="img"' not in chart  # a group of links, not one picture


def test_the_json_export_carries_the_paragraph_in_english_and_its_figures(
    client, two_meetings
):
    from participation.ladder.report_schema import report_problems

    data = client.get("/report.json", headers={"Accept-Language": "pl"}).get_json()
    assert data["summary"]["text"].startswith(
        "2 engagements have opened across the whole city so far. None of the 2 "
        "engagements gave residents real power"
    )
    assert data["summary"]["figures"]["engagements"] == 2
    assert data["summary"]["figures"]["claims"] == 2
    assert report_problems(data) == []
