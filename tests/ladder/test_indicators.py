"""The city indicators from per-engagement figures (pure)."""

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from participation.ladder import figures as fig
from participation.ladder import indicators as ind

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def row(id_, claimed, evidenced, reviewed=None, **fields):
    values = {
        "kind": "meeting",
        "project_id": 1,
        "district_id": None,
        "opens_at": datetime(2026, 3, 1, tzinfo=UTC),
        "closes_at": datetime(2026, 3, 31, tzinfo=UTC),
        # Decided 1 May, as the rubric judged it (ladder/timing.py).
        "decided_before_opening": False,
        "lead_days": 61.0,
        **fields,
    }
    return fig.EngagementFigures(
        id_, claimed=claimed, evidenced=evidenced, reviewed=reviewed, **values
    )


ROWS = [
    row(
        1,
        7,
        7,
        money=1_000_000,
        participants=500,
        kind="budget",
        winners=4,
        implemented=3,
        on_time=2,
        binding_money=1_000_000,
    ),
    row(
        2,
        5,
        4,
        participants=40,
        contributions=100,
        answered=80,
        median_days_to_answer=9,
        report_published=True,
        recurring=True,
    ),
    # Decided 1 February, before it opened.
    row(3, 4, 3, reviewed=2, decided_before_opening=True, lead_days=-28.0),
    row(
        4,
        6,
        6,
        opens_at=datetime(2026, 7, 1, tzinfo=UTC),
        closes_at=datetime(2026, 7, 2, tzinfo=UTC),
        decided_before_opening=None,  # no decision date
        lead_days=None,
        contributions=10,
        answered=0,
        report_published=False,
    ),
]


def test_the_distribution_counts_engagements_money_and_participants_per_rung():
    d = ind.distribution(ROWS)
    assert d["by_rung"][7] == {
        "engagements": 1,
        "money": 1_000_000,
        "participants": 500,
    }
    assert d["by_rung"][2]["engagements"] == 1  # the evaluator's rung counts
    assert d["by_rung"][3]["engagements"] == 0
    assert d["by_tier"]["citizen_power"]["engagements"] == 2
    assert d["by_tier"]["non_participation"]["engagements"] == 1


def test_citizen_power_over_claim_and_timeliness():
    assert ind.citizen_power(ROWS) == {"engagements_share": 0.5, "money_share": 1.0}
    over = ind.over_claim(ROWS)
    assert (
        over["share"] == 0.5 and over["mean_gap"] == 1 and over["engagements"] == [2, 3]
    )
    when = ind.timeliness(ROWS)
    assert when["share_before_decision"] == 2 / 3
    assert when["after_the_fact"] == [3]
    assert when["median_lead_days"] == 61


def test_responsiveness_influence_and_delivery():
    r = ind.responsiveness(ROWS, NOW)
    assert r["answered_share"] == 80 / 110
    assert r["median_days_to_answer"] == 9
    assert r["closed_with_report_share"] == 0.5
    assert ind.influence(ROWS)["money_under_binding_resident_decision"] == 1_000_000
    assert ind.delivery(ROWS) == {
        "winners": 4,
        "implemented_share": 0.75,
        "on_time_share": 0.5,
    }


def test_the_trend_goes_by_quarter_of_opening_for_every_indicator():
    trend = ind.by_quarter(ROWS, NOW)
    assert list(trend) == ["2026-Q1", "2026-Q3"]
    first, third = trend["2026-Q1"], trend["2026-Q3"]
    assert first["engagements"] == 3 and third["engagements"] == 1
    assert third["citizen_power_share"] == 1.0
    assert first["citizen_power_share"] == 1 / 3
    assert first["over_claim_share"] == 2 / 3
    assert first["share_before_decision"] == 2 / 3
    assert third["share_before_decision"] is None  # no decision date
    assert first["answered_share"] == 0.8 and third["answered_share"] == 0.0
    assert first["closed_with_report_share"] == 1.0
    assert third["closed_with_report_share"] == 0.0
    assert first["money_under_binding_resident_decision"] == 1_000_000
    assert first["implemented_share"] == 0.75 and third["implemented_share"] is None
    assert first["citizen_power_money_share"] == 1.0
    assert first["over_claim_mean_gap"] == 1.0  # engagements 2 and 3, one rung each
    assert first["median_lead_days"] == 61.0  # 1 March to 1 May
    assert first["median_days_to_answer"] == 9
    assert first["on_time_share"] == 0.5
    # Engagement 2's project engages recurrently; in the third quarter, no project.
    assert first["recurring_share"] == 1.0 and third["recurring_share"] == 0.0
    assert first["participations"] == 540
    assert first["mean_rung"] == (7 + 4 + 2) / 3


def test_the_engagements_behind_each_figure():
    def ids(figure=None, **kw):
        return [r.id for r in fig.behind(ROWS, NOW, figure, **kw)]

    assert ids("citizen_power") == [1, 4]
    assert ids("over_claim") == ind.over_claim(ROWS)["engagements"]
    assert ids("after_the_fact") == ind.timeliness(ROWS)["after_the_fact"]
    assert ids("before_decision") == [1, 2]
    assert ids("unanswered") == [2, 4]
    assert ids("without_report") == [4]
    assert ids("binding_money") == [1]
    assert ids("delivery") == [1] and ids("not_on_time") == [1]
    assert ids(rung_number=2) == [3]  # the evaluator's rung
    assert ids(quarter="2026-Q3") == [4]
    assert ids("citizen_power", quarter="2026-Q1") == [1]
    assert ids() == [1, 2, 3, 4]
    assert set(fig.BEHIND) >= {"citizen_power", "over_claim", "unanswered"}


def test_an_empty_period_has_no_figures_but_does_not_fail():
    result = ind.indicators([], NOW)
    assert result.engagements == 0
    assert result.citizen_power == {"engagements_share": None, "money_share": None}
    assert result.trend == {}


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 8), st.integers(3, 8), st.integers(0, 1000)),
        max_size=40,
    )
)
def test_shares_are_shares_and_counts_add_up(triples):
    rows = [
        row(
            i,
            claimed,
            evidenced,
            participants=people,
            opens_at=NOW - timedelta(days=i * 30),
        )
        for i, (claimed, evidenced, people) in enumerate(triples)
    ]
    d = ind.distribution(rows)
    assert sum(c["engagements"] for c in d["by_rung"].values()) == len(rows)
    assert sum(c["participants"] for c in d["by_tier"].values()) == sum(
        r.participants for r in rows
    )
    for share in (
        ind.citizen_power(rows)["engagements_share"],
        ind.over_claim(rows)["share"],
    ):
        assert share is None or 0 <= share <= 1


def test_the_stored_figures_are_read_from_the_facts():
    from participation.ladder.facts import Fact

    facts = {
        "responses": Fact(
            {"contributions": 40, "answered_share": 0.75, "median_days_to_respond": 3},
            "observed",
        ),
        "bindingness": Fact("binding", "documented"),
        "delivery": Fact({"winners": 4, "implemented": 2, "on_time": 1}, "observed"),
        "continuity": Fact({"recurring": False, "longest_gap_days": 41.5}, "observed"),
        "resident_options_adopted": Fact(2, "documented"),
        "opens_at": Fact("2026-03-01T20:43:00+00:00", "observed"),
        "closes_at": Fact("2026-03-31", "observed"),
        "decided_at": Fact("2026-05-01", "documented"),
    }
    assert fig.stored_figures(facts) == {
        "contributions": 40,
        "answered_share": 0.75,
        "median_days_to_answer": 3.0,
        "options_adopted": 2,
        "binding": True,
        "winners": 4,
        "implemented": 2,
        "on_time": 1,
        "recurring": False,
        "longest_gap_days": 41.5,
        "decided_before_opening": False,
        "closed_before_decision": True,
        "lead_days": 61.0,  # a day on one side: days are compared
    }
    unknown = fig.stored_figures(
        {"responses": Fact({"answered_share": None}, "observed")}
    )
    assert set(unknown.values()) == {None}
    assert (
        fig.stored_figures({"bindingness": Fact("advisory", "declared")})["binding"]
        is False
    )


def test_the_report_hides_participants_of_small_groups():
    rows = [row(1, 5, 5, participants=4), row(2, 6, 6, participants=30), row(3, 3, 3)]
    shown = ind.indicators(rows, NOW)
    assert shown.distribution["by_rung"][5]["participants"] is None  # four people
    assert shown.distribution["by_rung"][6]["participants"] == 30
    assert shown.distribution["by_rung"][3]["participants"] == 0  # nobody: shown
    assert shown.distribution["by_tier"]["citizen_power"]["participants"] == 30
    assert shown.trend["2026-Q1"]["participations"] == 34
    alone = ind.indicators([row(1, 5, 5, participants=4)], NOW)
    assert alone.trend["2026-Q1"]["participations"] is None
