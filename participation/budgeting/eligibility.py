"""How voters' eligibility is checked, said in words from the process's settings and
the ballots it holds: exactly what `ballots.may_vote`, `ballots.cast_ballot` and
`paper` enforce, nothing more (results and ballot pages)."""

from collections.abc import Sequence

from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import case, select

from participation.budgeting.models import Ballot, Budget, BudgetProcess
from participation.extensions import db

# Where a budget's ballots came from: cast online, typed in from paper, or read from
# a Pabulib file (exchange.import_file keys those "pabulib:<voter>").
WEB, PAPER, FILE = "web", "paper", "file"


def ballot_origins(budgets: Sequence[Budget]) -> set[str]:
    """Where the ballots of these budgets came from (one query)."""
    if not budgets:
        return set()
    origin = case(
        (Ballot.voter_key.like("pabulib:%"), FILE),
        else_=Ballot.source,
    )
    return set(
        db.session.scalars(
            select(origin)
            .where(Ballot.budget_id.in_([b.id for b in budgets]))
            .distinct()
        )
    )


def eligibility_notes(
    process: BudgetProcess, budgets: Sequence[Budget] | None = None
) -> list[str]:
    """One sentence per check made of the voters of these budgets (all the
    process's by default), in the reader's language."""
    budgets = list(process.budgets if budgets is None else budgets)
    origins = ballot_origins(budgets)
    notes: list[str] = []
    # A process whose ballots all came from a file took no vote here.
    online = not origins or bool(origins - {FILE})
    if online:
        notes.append(
            _(
                "Online ballots: one per account for each budget, cast by a "
                "signed-in resident, who can change it until voting closes."
            )
        )
        for budget in budgets:
            notes.append(_district_note(process, budget))
        if process.min_age:
            notes.append(
                _(
                    "Voters tick a box saying they are %(age)d or older; their age "
                    "is not verified.",
                    age=process.min_age,
                )
            )
        else:
            notes.append(_("No minimum age."))
    if PAPER in origins:
        notes.append(
            _(
                "Paper ballots are typed in by a member of staff and count only once "
                "a second member of staff has checked them against the paper; how "
                "the voters' eligibility was checked on paper is not recorded here."
            )
        )
    if FILE in origins:
        notes.append(
            _(
                "Ballots imported from a Pabulib file: who could vote was decided "
                "and checked by the original process, not by this platform."
            )
        )
    return notes


def _isolated(text: str) -> Markup:
    """A name inside a sentence, escaped and isolated for right-to-left text."""
    return Markup("<bdi>%s</bdi>") % text


def _district_note(process: BudgetProcess, budget: Budget) -> Markup:
    # Every value is escaped (_isolated): the sentence is safe to show as markup.
    name = _isolated(budget.name)
    if budget.district_id is None:
        return Markup(
            _(
                "%(budget)s: every signed-in resident, wherever they live.",
                budget=name,
            )
        )
    district = _isolated(budget.district.name)
    if process.verified_districts_only:
        return Markup(
            _(
                "%(budget)s: only residents of %(district)s whose district a member of "
                "staff has verified (proof of address at a city desk).",
                budget=name,
                district=district,
            )
        )
    return Markup(
        _(
            "%(budget)s: residents of %(district)s, as each voter declares it on their "
            "account; the district is not verified.",
            budget=name,
            district=district,
        )
    )
