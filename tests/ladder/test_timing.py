"""Same-day dates compared fairly (LADDER.md "Dates:"), by one function: a date without
a time is the whole day in the city; the rubric, the consultation's "did the city
listen?" box, the project thread's decisions and the city report's timeliness agree
on the same-day, day-before and day-after cases in several timezones."""

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from participation.ladder import timing
from participation.ladder.facts import Fact
from participation.ladder.rubric import assess

ZONES = ["UTC", "Europe/Warsaw", "America/Los_Angeles", "Pacific/Auckland"]
OPENING_DAY = date(2026, 6, 10)


def local(day: date, hour: int, minute: int, zone: str) -> datetime:
    """A wall-clock time of the city, as stored (UTC)."""
    return datetime.combine(day, time(hour, minute), ZoneInfo(zone)).astimezone(UTC)


@pytest.mark.parametrize("zone", ZONES)
def test_a_day_against_a_moment_compares_the_city_days(zone):
    opens = local(OPENING_DAY, 20, 43, zone)  # a moment
    same, before, after = (OPENING_DAY + timedelta(days=d) for d in (0, -1, 1))
    assert timing.decided_before_opening(same, opens, zone) is False
    assert timing.decided_before_opening(before, opens, zone) is True
    assert timing.decided_before_opening(after, opens, zone) is False
    closes = local(OPENING_DAY, 22, 0, zone)
    # A decision on the closing day or later: input closed before the decision.
    assert timing.closed_before_decision(closes, same, zone) is True
    assert timing.closed_before_decision(closes, before, zone) is False
    assert timing.lead_days(opens, same, zone) == 0
    assert timing.lead_days(opens, after, zone) == 1
    assert timing.lead_days(opens, before, zone) == -1


def test_two_moments_compare_by_the_clock_and_nothing_known_is_none():
    opens = datetime(2026, 6, 10, 20, 43, tzinfo=UTC)
    assert timing.decided_before_opening(opens - timedelta(hours=1), opens, "UTC")
    assert not timing.decided_before_opening(opens, opens, "UTC")
    assert timing.lead_days(opens, opens + timedelta(hours=12), "UTC") == 0.5
    assert timing.decided_before_opening(None, opens, "UTC") is None
    assert timing.closed_before_decision(opens, None, "UTC") is None
    assert timing.timing(None, None, None, "UTC") == timing.Timing(None, None, None)


def test_days_stay_days_and_moments_stay_moments():
    assert timing.when("2026-06-10") == date(2026, 6, 10)
    assert timing.when("2026-06-10T20:43:00+02:00") == datetime(
        2026, 6, 10, 18, 43, tzinfo=UTC
    )
    assert timing.when("2026-06-10T20:43:00").tzinfo is UTC  # no offset: UTC
    assert timing.when(date(2026, 6, 10)) == date(2026, 6, 10)
    assert timing.when("") is None and timing.when(None) is None
    with pytest.raises(ValueError):
        timing.when("spring")


@pytest.mark.parametrize("zone", ZONES)
def test_the_rubric_reads_a_same_day_decision_as_timely(zone):
    opens = local(OPENING_DAY, 20, 43, zone)
    for decided, rung in ((OPENING_DAY, 5), (OPENING_DAY - timedelta(days=1), 3)):
        facts = {
            "input_kind": Fact("feedback", "observed"),
            "opens_at": Fact(opens, "observed"),
            "decided_at": Fact(decided, "documented", "minutes"),
            "residents_set_options": Fact(True, "documented", "minutes"),
        }
        a = assess("consultation", facts, timezone=zone)
        assert a.rung == rung, (zone, decided, [x.text() for x in a.trace])
    # The cap (5 held down to 3) names both as the days compared, in the city.
    assert [c.code for c in a.caps] == ["after_the_fact"]
    cap = a.caps[0].line.text()
    assert cap == (
        "At most 3: the decision (2026-06-09) came before the engagement opened "
        "(2026-06-10)."
    )


# The whole platform: a project Decision recorded as a day (as the staff form records
# it), a consultation opened at 20:43 city time; the rubric, the consultation's page
# and the city report say the same.
CASES = {"day before": -1, "same day": 0, "day after": 1}


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("case", list(CASES))
def test_rubric_box_and_report_agree(
    client, db, make_city, make_consultation, zone, case
):
    from participation.core.clock import start_of_day
    from participation.ladder import figures as fig
    from participation.ladder import indicators as ind
    from participation.ladder import report
    from participation.ladder.services import assessment_of, trace_lines
    from participation.projects.records import DecisionData, record_decision

    make_city(timezone=zone, default_locale="en")
    consultation = make_consultation(
        opens_at=local(OPENING_DAY, 20, 43, zone),
        closes_at=local(OPENING_DAY, 22, 0, zone),
        questions=False,
        sections=False,
    )
    decided_on = OPENING_DAY + timedelta(days=CASES[case])
    from participation.auth.models import User

    planner = db.session.get(User, consultation.project.created_by_id)
    record_decision(
        planner,
        consultation.project_id,
        DecisionData(
            title="Crossings approved",
            decided_by="Council",
            decided_at=start_of_day(decided_on, zone),
            document_url="https://example.org/minutes",
            engagement_ids=[consultation.id],
        ),
    )
    after_the_fact = case == "day before"

    row = assessment_of(consultation)
    assert row.facts["decided_at"]["value"] == decided_on.isoformat()  # a day
    assert row.rung == (3 if after_the_fact else 4), [
        line.text() for line in trace_lines(row)
    ]
    refused = "Not 4 Consultation: input is only collected after the decision."
    assert (refused in [x.text() for x in trace_lines(row)]) is after_the_fact

    page = client.get(f"/consultations/{consultation.id}").get_data(as_text=True)
    box = re.search(
        r"Input closed before the decision</dt>\s*<dd>(.*?)</dd>", page, re.S
    )
    assert box is not None
    said = box.group(1).strip()
    assert said == ("No: the decision came first" if after_the_fact else "Yes")

    rows = [r for r in report.figures() if r.id == consultation.id]
    assert fig.after_the_fact(rows[0], datetime.now(UTC)) is after_the_fact
    assert fig.before_decision(rows[0], datetime.now(UTC)) is not after_the_fact
    timeliness = ind.timeliness(rows)
    assert timeliness["after_the_fact"] == ([consultation.id] if after_the_fact else [])
    assert timeliness["median_lead_days"] == (None if after_the_fact else CASES[case])


def test_residents_were_asked_before_a_decision_taken_the_day_they_were(
    db, make_city, make_consultation
):
    from participation.auth.models import User
    from participation.core.clock import start_of_day
    from participation.projects.observe import continuity
    from participation.projects.records import DecisionData, record_decision

    zone = "America/Los_Angeles"
    make_city(timezone=zone, default_locale="en")
    consultation = make_consultation(
        opens_at=local(OPENING_DAY, 20, 43, zone), questions=False, sections=False
    )
    planner = db.session.get(User, consultation.project.created_by_id)
    for days in (0, -1):
        record_decision(
            planner,
            consultation.project_id,
            DecisionData(
                title=f"Decision {days}",
                decided_by="Council",
                decided_at=start_of_day(OPENING_DAY + timedelta(days=days), zone),
                engagement_ids=[consultation.id],
            ),
        )
    facts = continuity(consultation.project)
    assert [d["residents_before"] for d in facts["decision_details"]] == [True, False]


@pytest.mark.parametrize(
    ("decided", "opens", "shown"),
    [
        ("2026-06-09", "2026-06-10T18:43:00+00:00", ("2026-06-09", "2026-06-10")),
        (
            "2026-06-10T08:00:00+00:00",
            "2026-06-10T18:43:00+00:00",
            ("2026-06-10 10:00", "2026-06-10 20:43"),  # city time, Warsaw
        ),
    ],
)
def test_the_stored_trace_reads_days_as_days_and_moments_as_moments(
    decided, opens, shown
):
    from types import SimpleNamespace

    from participation.ladder.services import _jsonable, trace_lines

    facts = {
        "residents_set_options": Fact(True, "documented", "minutes"),
        "input_kind": Fact("proposals", "observed"),
        "opens_at": Fact(opens, "observed"),
        "decided_at": Fact(decided, "documented", "minutes"),
    }
    a = assess("consultation", facts, timezone="Europe/Warsaw")
    stored = [
        {"template": x.template, "values": _jsonable(x.values), "facts": []}
        for x in a.trace
    ]
    cap = trace_lines(SimpleNamespace(trace=stored))[-1]
    assert cap.text() == (
        f"At most 3: the decision ({shown[0]}) came before the engagement opened "
        f"({shown[1]})."
    )
    assert cap.text() == a.caps[0].line.text()


def test_a_moment_at_the_edge_of_the_calendar_is_refused_not_a_server_error():
    # 9999-12-31T23:00 in UTC is in year 10000 in Auckland: no day to compare.
    for text in ("9999-12-31T23:00:00+00:00", "0001-01-01T01:00:00+05:00"):
        with pytest.raises(ValueError):
            timing.when(text)
    assert timing.when("9999-12-31") is not None  # a day alone is fine
