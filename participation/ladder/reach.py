"""Reach and return, from the people counted ahead (ladder/people.py): participants
per 1,000 residents by district against the city's figure, and how many residents
come back after their first engagement, for the whole period and quarter by quarter.
Groups under MIN_GROUP people are never shown.

Pure: no Flask, no database.
"""

from dataclasses import dataclass, field

from participation.ladder.figures import quarter_label
from participation.ladder.indicators import MIN_GROUP


def reach(
    participants_by_district: dict[int, int],
    population: dict[int, int],
    city_participants: int,
) -> dict:
    """Participants per 1,000 residents per district against the city's figure, and
    the disparity (highest rate / lowest). Districts, or a city, under MIN_GROUP
    participants show no figure."""
    city_population = sum(population.values())
    rates: dict[int, float | None] = {}
    for district_id, people in population.items():
        count = participants_by_district.get(district_id, 0)
        rates[district_id] = (
            count / people * 1000 if people and count >= MIN_GROUP else None
        )
    shown = [r for r in rates.values() if r is not None]
    return {
        "per_1000_by_district": rates,
        "per_1000_city": city_participants / city_population * 1000
        if city_population and city_participants >= MIN_GROUP
        else None,
        "disparity": max(shown) / min(shown) if len(shown) > 1 and min(shown) else None,
    }


def returning(first_time: int, returned: int) -> dict:
    """Of the residents (accounts) who took part for the first time, the share who
    took part again, in another engagement."""
    shown = first_time >= MIN_GROUP
    return {
        "residents": first_time if shown else None,
        "returning_share": returned / first_time if shown else None,
    }


def age_groups(counts: dict[str, int], groups: list[str]) -> dict:
    """Who took part by the age group residents chose to give (with consent): people
    and share per group, of those who gave one. Groups under MIN_GROUP are not shown,
    and when only one would be hidden the next smallest is hidden too, so no hidden
    group can be worked out from the total."""
    described = sum(counts.values())
    if described < MIN_GROUP:
        return {"residents": None, "by_group": {g: None for g in groups}}
    hidden = {g for g in groups if counts.get(g, 0) < MIN_GROUP}
    if len(hidden) == 1:
        shown = [g for g in groups if g not in hidden]
        hidden.add(min(shown, key=lambda g: counts.get(g, 0)))
    return {
        "residents": described,
        "by_group": {
            g: None
            if g in hidden
            else {"people": counts[g], "share": counts[g] / described}
            for g in groups
        },
    }


@dataclass
class QuarterPeople:
    """Who took part in the engagements opened in one quarter."""

    accounts: int = 0  # distinct accounts
    anonymous: int = 0  # contributions without an account, one person each
    by_district: dict[int, int] = field(default_factory=dict)  # distinct people
    first_time: int = 0  # accounts whose first engagement opened in this quarter
    returned: int = 0  # of those, the ones who took part in another engagement


def by_quarter(
    quarters: dict[int, QuarterPeople], population: dict[int, int]
) -> tuple[dict[str, dict], dict[str, dict]]:
    """Per quarter (by label, in order): the people figures of the report's trend,
    and the reach of that quarter by district."""
    trend, reach_by_quarter = {}, {}
    for number in sorted(quarters):
        q = quarters[number]
        people = q.accounts + q.anonymous
        quarter_reach = reach(q.by_district, population, people)
        back = returning(q.first_time, q.returned)
        trend[quarter_label(number)] = {
            "participants": people if people >= MIN_GROUP else None,
            "participants_per_1000": quarter_reach["per_1000_city"],
            "first_time": back["residents"],
            "returning_share": back["returning_share"],
        }
        reach_by_quarter[quarter_label(number)] = quarter_reach
    return trend, reach_by_quarter


# The people figures of a quarter nobody took part in (the same keys as by_quarter's).
NO_PEOPLE = next(iter(by_quarter({0: QuarterPeople()}, {})[0].values()))
