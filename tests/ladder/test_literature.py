"""Real processes from the literature, assessed by `flask ladder assess`.

Each case in tests/ladder/literature/ is a facts document (`<case>.json`, the format of
participation/ladder/document.py, every documented fact naming its source) and, beside
it, what an expert reading of the sources supports (`<case>.expected.json`: the rung
range, the rule or cap that should decide, the flags, why, and the sources). The
facts-document schema refuses extra keys, hence the sibling file. The cases, their
sources and expected ranges are listed in tests/ladder/literature/README.md.

The assessed rung must lie in the expert range and be the one the deciding rule (or
cap) gives, and the trace must say so.
"""

import json
import re
from pathlib import Path

import pytest

from participation.core.rungs import rung

LITERATURE = Path(__file__).parent / "literature"
EXPECTED = ".expected.json"
CASES = sorted(
    path.name.removesuffix(".json")
    for path in LITERATURE.glob("*.json")
    if not path.name.endswith(EXPECTED)
)
YEAR = re.compile(r"\b(1[89]|20)\d\d\b")


def expected(case: str) -> dict:
    return json.loads((LITERATURE / f"{case}{EXPECTED}").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cli(shared_apps):
    """The command line of the run's one application (the assessment reads no data)."""
    return shared_apps.app.test_cli_runner()


def test_every_case_has_its_expectation_and_is_listed():
    assert len(CASES) >= 10
    expectations = {
        path.name.removesuffix(EXPECTED) for path in LITERATURE.glob(f"*{EXPECTED}")
    }
    assert expectations == set(CASES)
    readme = (LITERATURE / "README.md").read_text(encoding="utf-8")
    assert [case for case in CASES if f"`{case}`" not in readme] == []


@pytest.mark.parametrize("case", CASES)
def test_a_case_names_its_sources(case):
    document = json.loads((LITERATURE / f"{case}.json").read_text(encoding="utf-8"))
    for key, entry in document["facts"].items():
        assert entry["provenance"] in ("documented", "observed"), key
        # The evidence names a dated source (author or body, year).
        assert YEAR.search(entry["evidence"]), (key, entry["evidence"])
    want = expected(case)
    assert want["why"] and want["sources"]
    assert all(YEAR.search(source) for source in want["sources"])
    assert 1 <= want["min"] <= want["max"] <= 8


@pytest.mark.parametrize("case", CASES)
def test_the_assessed_rung_lies_in_the_expert_range(cli, case):
    want = expected(case)
    result = cli.invoke(args=["ladder", "assess", str(LITERATURE / f"{case}.json")])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    texts = [line["text"] for line in answer["trace"]]

    assert want["min"] <= answer["rung"] <= want["max"], (answer["rung"], texts)

    deciding = want["deciding"]
    rule = deciding["rule"]
    prefix = f"{rule} {rung(rule).name}:"
    assert any(text.startswith(prefix) for text in texts), (prefix, texts)
    cap = deciding.get("cap")
    if cap:
        applied = {c["code"]: c for c in answer["caps"]}
        assert cap in applied, (cap, answer["caps"])
        assert applied[cap]["text"] in texts
        assert answer["rung"] == applied[cap]["limit"]
    else:
        assert answer["caps"] == []
        assert answer["rung"] == rule
    assert sorted(answer["flags"]) == sorted(want["flags"])
    # Every fact is documented: the rung rests on evidence alone.
    assert answer["confidence"] == 1.0


def test_the_paris_trace_names_the_share_delivered(cli):
    """LADDER.md: the delivery cap's trace names the shares ("more than 50 %" of
    about 1,000 winners delivered once the mayor's term had ended)."""
    path = LITERATURE / "paris_budget_participatif.json"
    answer = json.loads(cli.invoke(args=["ladder", "assess", str(path)]).output)
    cap = next(c for c in answer["caps"] if c["limit"] == 5)
    assert re.search(r"\b50\s?%", cap["text"]), cap["text"]
