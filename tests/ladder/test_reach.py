"""Reach and return as pure functions (ladder/reach.py)."""

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from participation.ladder import figures as fig
from participation.ladder import reach
from participation.ladder.reach import QuarterPeople

POPULATION = {1: 10_000, 2: 20_000, 3: 1_000}


def test_reach_hides_groups_under_ten_and_measures_disparity():
    figures = reach.reach({1: 100, 2: 50, 3: 9}, POPULATION, 159)
    assert figures["per_1000_by_district"] == {1: 10.0, 2: 2.5, 3: None}
    assert figures["disparity"] == 4.0
    assert figures["per_1000_city"] == 159 / 31_000 * 1000


def test_a_city_figure_of_fewer_than_ten_people_is_not_shown():
    figures = reach.reach({1: 9}, POPULATION, 9)
    assert figures["per_1000_city"] is None
    assert figures["per_1000_by_district"] == {1: None, 2: None, 3: None}
    assert reach.reach({1: 10}, POPULATION, 10)["per_1000_city"] == 10 / 31


def test_returning_is_the_share_of_first_timers_who_came_back():
    assert reach.returning(40, 10) == {"residents": 40, "returning_share": 0.25}
    assert reach.returning(9, 9) == {"residents": None, "returning_share": None}


def test_people_by_quarter_label_each_quarter_and_hide_small_groups():
    q1 = fig.quarter_number(datetime(2026, 2, 1, tzinfo=UTC))
    q2 = fig.quarter_number(datetime(2026, 5, 1, tzinfo=UTC))
    trend, by_district = reach.by_quarter(
        {
            q2: QuarterPeople(accounts=5, anonymous=3, by_district={1: 8}),
            q1: QuarterPeople(
                accounts=30,
                anonymous=2,
                by_district={1: 20, 2: 12},
                first_time=30,
                returned=12,
            ),
        },
        POPULATION,
    )
    assert list(trend) == ["2026-Q1", "2026-Q2"]  # in order
    assert trend["2026-Q1"] == {
        "participants": 32,
        "participants_per_1000": 32 / 31,
        "first_time": 30,
        "returning_share": 0.4,
    }
    # Eight people, nobody new: nothing shown.
    assert trend["2026-Q2"] == dict.fromkeys(trend["2026-Q2"])
    assert by_district["2026-Q1"]["per_1000_by_district"] == {1: 2.0, 2: 0.6, 3: None}
    assert by_district["2026-Q1"]["disparity"] == 2.0 / 0.6
    assert by_district["2026-Q2"]["per_1000_by_district"] == dict.fromkeys(POPULATION)


@given(st.datetimes(timezones=st.just(UTC)))
def test_a_quarter_number_names_the_quarter_of_its_moment(moment):
    label = fig.quarter_label(fig.quarter_number(moment))
    assert label == f"{moment.year}-Q{(moment.month + 2) // 3}"


GROUPS = ["young", "middle", "old"]


def test_age_groups_show_only_groups_of_ten_or_more():
    figures = reach.age_groups({"young": 30, "middle": 12, "old": 10}, GROUPS)
    assert figures["residents"] == 52
    assert figures["by_group"]["old"] == {"people": 10, "share": 10 / 52}
    assert reach.age_groups({"young": 9}, GROUPS) == {
        "residents": None,
        "by_group": dict.fromkeys(GROUPS),
    }


def test_a_lone_hidden_age_group_takes_the_next_smallest_with_it():
    """Otherwise the total minus the shown groups would give it away."""
    figures = reach.age_groups({"young": 30, "middle": 12, "old": 4}, GROUPS)
    assert figures["by_group"]["old"] is None
    assert figures["by_group"]["middle"] is None
    assert figures["by_group"]["young"] == {"people": 30, "share": 30 / 46}
