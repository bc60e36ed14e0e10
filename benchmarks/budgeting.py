"""Tallying the Pabulib instances of ../shared/data/pabulib/ with their own rules, and
the Method of Equal Shares with add1 on them, against pabutools where it finishes.

    .venv/bin/python -m benchmarks.budgeting [--with-pabutools] [--large]

With --with-pabutools, pabutools' exact Equal Shares with add1 runs beside ours on
the files that use Equal Shares, and with --large on Warsaw 2026 too (minutes).

--large also runs Equal Shares with add1 on Warsaw 2026 (83 projects, 61,668 voters;
target under 1 s: about half a second, where the straightforward method took 278 s).
"""

import argparse
import resource
import time
from pathlib import Path

from participation.budgeting import pabulib
from participation.budgeting.rules import election_from, tally

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "pabulib"


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def pabutools_add1(path: Path, order: list[str]) -> tuple[set[str], float]:
    """pabutools' Equal Shares with add1 (exact fractions): its winners and time."""
    from tests.budgeting.test_against_pabutools import parse_pabulib, reference

    instance, profile = parse_pabulib(str(path))
    voters = profile.num_ballots()
    return timed(
        reference, instance, profile, order, instance.budget_limit // voters, add1=True
    )


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
        mes, ours = "—", None
        large = len(election.ballots) >= 10_000
        if not large or args.large:
            ours, seconds = timed(tally, election, "equalshares/add1")
            mes = f"{seconds:.2f} s"
        print(
            f"{path.stem[:48]:48} {len(election.ballots):7} {rule:>18} "
            f"{own_rule * 1000:6.1f}ms {mes:>10}"
        )
        # pabutools beside ours where a file uses Equal Shares, and on the large
        # instance (Warsaw 2026: about 11 minutes and 12 GB of memory).
        if args.with_pabutools and (
            rule.startswith("equalshares") or (large and args.large)
        ):
            winners, seconds = pabutools_add1(path, list(instance.projects))
            same = "same outcome" if winners == set(ours.selected) else "DIFFERENT"
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
            print(
                f"{'':48} {'':7} {'pabutools add1':>18} {seconds:7.2f}s "
                f"({same}; peak memory of this process {peak:.1f} GB)"
            )


if __name__ == "__main__":
    main()
