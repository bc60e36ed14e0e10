"""The eight rungs as plain values."""

import pytest

from participation.core.rungs import (
    CITIZEN_POWER,
    NON_PARTICIPATION,
    RUNGS,
    TOKENISM,
    rung,
)


def test_eight_rungs_in_order_with_arnstein_names_and_tiers():
    assert [(r.number, r.name, r.tier) for r in RUNGS] == [
        (1, "Manipulation", NON_PARTICIPATION),
        (2, "Therapy", NON_PARTICIPATION),
        (3, "Informing", TOKENISM),
        (4, "Consultation", TOKENISM),
        (5, "Placation", TOKENISM),
        (6, "Partnership", CITIZEN_POWER),
        (7, "Delegated power", CITIZEN_POWER),
        (8, "Citizen control", CITIZEN_POWER),
    ]


@pytest.mark.parametrize("number", [0, 9, -1, "4", None])
def test_no_rung_outside_the_ladder(number):
    with pytest.raises(ValueError):
        rung(number)


def test_rung_lookup():
    assert rung(6).name == "Partnership" and rung(6).tier_name == "Citizen power"
