"""Tallying the Pabulib instances of ../shared/data/pabulib/ with their own rules, and
the Method of Equal Shares with add1 on them, against pabutools where it finishes.

    .venv/bin/python -m benchmarks.budgeting [--with-pabutools] [--large]

--large also runs Equal Shares with add1 on Warsaw 2026 (83 projects, 61,668 voters;
minutes with the present implementation, whose target is under 1 s).
"""

import argparse
import time
from pathlib import Path

from participation.budgeting import pabulib
from participation.budgeting.rules import election_from, tally

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "pabulib"


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def pabutools_add1(path: Path, order: list[str]) -> float:
    from tests.budgeting.test_against_pabutools import parse_pabulib, reference

    instance, profile = parse_pabulib(str(path))
    voters = profile.num_ballots()
    _result, seconds = timed(
        reference, instance, profile, order, instance.budget_limit // voters, add1=True
    )
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--with-pabutools", action="store_true")
    parser.add_argument("--large", action="store_true")
    args = parser.parse_args()
    print(f"{'instance':48} {'voters':>7} {'rule':>18} {'ours':>8} {'EqSh+add1':>10}")
    for path in sorted(DATA.glob("*.pb")):
        instance = pabulib.read(path)
        election = election_from(instance)
        rule = instance.meta.get("rule", "greedy")
        _outcome, own_rule = timed(tally, election, rule)
        mes = "—"
        if len(election.ballots) < 10_000 or args.large:
            _o, seconds = timed(tally, election, "equalshares/add1")
            mes = f"{seconds:.2f} s"
        print(
            f"{path.stem[:48]:48} {len(election.ballots):7} {rule:>18} "
            f"{own_rule * 1000:6.1f}ms {mes:>10}"
        )
        if args.with_pabutools and rule.startswith("equalshares"):
            seconds = pabutools_add1(path, list(instance.projects))
            print(f"{'':48} {'':7} {'pabutools add1':>18} {seconds:7.2f}s")


if __name__ == "__main__":
    main()
