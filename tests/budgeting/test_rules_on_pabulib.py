"""Every rule against the real Pabulib instances of ../shared/data/pabulib/: where a
file states its rule and its selected projects, our outcome is exactly theirs."""

import pytest

from participation.budgeting import pabulib
from participation.budgeting.rules import election_from, tally
from tests.shared_data import SHARED, need

DATA = SHARED / "data" / "pabulib"
FILES = sorted(DATA.glob("*.pb"))
# Files that state both their rule and the funded projects (selected 1, or 2: funded
# from reserves under Poznań's rule).
GROUND_TRUTH = [f for f in FILES if "selected" in pabulib.read(f).project_columns]


def test_the_shared_instances_are_there():
    need(DATA)
    assert len(FILES) >= 14 and len(GROUND_TRUTH) >= 13


@pytest.mark.parametrize("path", GROUND_TRUTH, ids=lambda p: p.stem)
def test_our_outcome_is_the_official_one(path):
    instance = pabulib.read(path)
    outcome = tally(election_from(instance), instance.meta["rule"])
    official = {
        p.id for p in instance.projects.values() if p.number("selected") in (1, 2)
    }
    assert set(outcome.selected) == official
    assert outcome.cost == sum(instance.projects[p].cost for p in official)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_read_write_read_keeps_everything(path):
    instance = pabulib.read(path)
    again = pabulib.parse(pabulib.dump(instance))
    assert again.meta == instance.meta
    assert [p.fields for p in again.projects.values()] == [
        p.fields for p in instance.projects.values()
    ]
    assert [(v.voter_id, v.projects, v.points) for v in again.votes] == [
        (v.voter_id, v.projects, v.points) for v in instance.votes
    ]
    assert len(instance.projects) == int(instance.meta["num_projects"])
    assert len(instance.votes) == int(instance.meta["num_votes"])


def test_withdrawn_project_is_never_funded_and_does_not_stop_no_skip():
    instance = pabulib.read(DATA / "Poland_Wroclaw_2017_Rejon_nr_11_750.pb")
    outcome = tally(election_from(instance), "greedy-no-skip")
    assert outcome.reasons["150"]["result"] == "withdrawn"
    assert outcome.selected == ["425"]


def test_poznan_reserve_rule_marks_the_project_funded_from_reserves():
    instance = pabulib.read(DATA / "Poland_Poznan_2023_9_-_Stare_Miasto.pb")
    outcome = tally(election_from(instance), "greedy-custom")
    reserve = [
        p for p, r in outcome.reasons.items() if r["result"] == "funded_from_reserve"
    ]
    assert reserve == [
        p.id for p in instance.projects.values() if p.number("selected") == 2
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        ("PROJECTS\nproject_id;cost\n1;10\n", "META lacks budget"),
        ("META\nkey;value\nbudget;10\nPROJECTS\nproject_id\n1\n", "lacks cost"),
        (
            "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;ten\n",
            "is not a number",
        ),
        (
            "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;5\n"
            "VOTES\nvoter_id;vote\nv;2\n",
            "unknown project 2",
        ),
        ("budget;10\n", "expected a META"),
    ],
)
def test_malformed_files_say_where_and_why(text, message):
    with pytest.raises(pabulib.PabulibError, match=message):
        pabulib.parse(text)


def test_byte_order_mark_and_quoted_fields():
    text = (
        '\ufeffMETA\nkey;value\nbudget;100\ndescription;"A; quoted ""name"""\n'
        'PROJECTS\nproject_id;cost;name\n1;60;"Park; north"\n2;50;Bench\n'
        "VOTES\nvoter_id;vote\na;1,2\nb;2\n"
    )
    instance = pabulib.parse(text)
    assert instance.meta["description"] == 'A; quoted "name"'
    assert instance.projects["1"].fields["name"] == "Park; north"
    assert tally(election_from(instance), "greedy").selected == ["2"]
