"""Pabulib files in and out of the platform: an imported file tallies to its official
outcome, and an exported budget tallies the same outside the platform."""

import pytest

from participation.budgeting import ballots, exchange, pabulib, services
from participation.budgeting.rules import election_from, tally
from participation.errors import Invalid, NotAllowed
from tests.budgeting.test_rules_on_pabulib import DATA


@pytest.mark.parametrize(
    "name",
    [
        "Poland_Warszawa_2019_Sadul.pb",
        "Netherlands_Assen_2024.pb",
        "Poland_Czestochowa_2024_Mirow.pb",
        "Poland_Krakow_2019_Bienczyce.pb",
    ],
)
def test_import_tally_export_round_trip(db, make_project, make_user, name):
    planner = make_user("planner")
    project = make_project(actor=planner)
    text = (DATA / name).read_text(encoding="utf-8-sig")
    original = pabulib.parse(text)
    process = exchange.import_pabulib(planner, project.id, text)
    budget = process.budgets[0]
    assert process.rule == original.meta["rule"]
    assert len(services.on_ballot(budget)) == len(original.projects)

    outcome, proposals = ballots.tally_budget(budget.id)
    official = {
        p.fields.get("name") or p.id
        for p in original.projects.values()
        if p.number("selected") == 1
    }
    assert {proposals[k].title for k in outcome.selected} == official

    exported = pabulib.parse(exchange.export_budget(budget.id))
    assert exported.meta["rule"] == process.rule
    assert int(exported.meta["num_votes"]) == len(original.votes)
    again = tally(election_from(exported), exported.meta["rule"])
    assert set(again.selected) == set(outcome.selected)
    assert {
        p.id for p in exported.projects.values() if p.number("selected") == 1
    } == set(outcome.selected)
    # Voters are numbered 1…n: nothing of the original ids or of accounts leaves.
    assert [v.voter_id for v in exported.votes] == [
        str(n) for n in range(1, len(original.votes) + 1)
    ]


def test_import_refuses_bad_files_and_residents(db, make_project, make_user):
    planner = make_user("planner")
    project = make_project(actor=planner)
    with pytest.raises(Invalid) as error:
        exchange.import_pabulib(planner, project.id, "META\nkey;value\n")
    assert "not a valid Pabulib file" in error.value.errors["file"]
    with pytest.raises(NotAllowed):
        exchange.import_pabulib(
            make_user(),
            project.id,
            (DATA / "Poland_Warszawa_2019_Sadul.pb").read_text(encoding="utf-8"),
        )
