"""The city report's opening paragraph as parts: which sentences to say, each with
the figures it rests on, taken from the report itself (ladder/report.py's dict). The
words are ladder/summary_words.py's (gettext, plural forms, the reader's locale).

Pure: no Flask, no database.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from participation.ladder.figures import CITIZEN_POWER


@dataclass(frozen=True)
class Scope:
    """What the report covers: engagements opened from first_day to last_day (both
    included; None: no bound), in a district (its name; None: the whole city)."""

    first_day: date | None = None
    last_day: date | None = None
    district: str | None = None

    @property
    def period(self) -> str:
        """ "all", "since", "until" or "between": which bounds are given."""
        if self.first_day and self.last_day:
            return "between"
        if self.first_day:
            return "since"
        return "until" if self.last_day else "all"


@dataclass(frozen=True)
class Figures:
    """The figures the paragraph rests on; None where the report does not know it."""

    engagements: int
    citizen_power: int = 0  # engagements at rungs 6–8
    citizen_power_money: float = 0  # the money at stake in them
    claims: int = 0  # engagements that made a claim
    over_claimed: int = 0  # of those, claimed above the evidence
    after_the_fact: int | None = None  # None: no engagement has a decision date
    answered_share: float | None = None  # of residents' inputs, officially answered
    winners: int = 0
    implemented_share: float | None = None
    per_1000: float | None = None  # participants per 1,000 residents (None: hidden)


@dataclass(frozen=True)
class Sentence:
    """One sentence of the paragraph: what it says (`says`), how (`case`: "none",
    "some" or "all" of `total`; "empty" for an empty report), the count its plural
    turns on (`num`) and the other figures it names."""

    says: str
    case: str
    num: int
    total: int
    values: dict[str, float] = field(default_factory=dict)


def made_a_claim(mark: Mapping[str, Any]) -> bool:
    """Whether an engagement of the report (one of its "marks") claimed a rung: the
    one place where engagements that made no claim are left out of the claims."""
    return mark.get("claimed") is not None


def figures_of(report: Mapping[str, Any]) -> Figures:
    """The paragraph's figures from the city report (ladder/report.city_report)."""
    by_rung = report["distribution"]["by_rung"]
    powered = [by_rung[n] for n in CITIZEN_POWER if n in by_rung]
    timing = report["timeliness"]
    delivery = report["delivery"]
    return Figures(
        engagements=report["engagements"],
        citizen_power=sum(cell["engagements"] for cell in powered),
        citizen_power_money=sum(cell["money"] for cell in powered),
        claims=sum(made_a_claim(mark) for mark in report["marks"]),
        over_claimed=len(report["over_claim"]["engagements"]),
        after_the_fact=None
        if timing["share_before_decision"] is None
        else len(timing["after_the_fact"]),
        answered_share=report["responsiveness"]["answered_share"],
        winners=delivery["winners"],
        implemented_share=delivery["implemented_share"],
        per_1000=report["reach"]["per_1000_city"],
    )


def _how_many(part: int, whole: int) -> tuple[str, int]:
    """ "none", "some" or "all" of the whole, and the count the sentence names: the
    whole when none or all of it."""
    case = "none" if part == 0 else "all" if part == whole else "some"
    return case, part if case == "some" else whole


def _share_case(share: float) -> str:
    return "none" if share == 0 else "all" if share >= 1 else "some"


def sentences(figures: Figures) -> list[Sentence]:
    """The paragraph's sentences, in order, each only when its figure is known.
    `num` is the count a sentence names and its plural turns on."""
    total = figures.engagements
    if total == 0:
        return [Sentence("engagements", "empty", 0, 0)]
    said = [Sentence("engagements", "some", total, total)]
    power = figures.citizen_power
    case, num = _how_many(power, total)
    money = {"money": figures.citizen_power_money} if power else {}
    said.append(Sentence("citizen_power", case, num, total, money))
    claims = figures.claims
    if claims:
        case, num = _how_many(figures.over_claimed, claims)
        said.append(Sentence("over_claim", case, num, claims))
    else:
        said.append(Sentence("over_claim", "empty", total, total))
    if figures.after_the_fact is not None:
        late = figures.after_the_fact
        said.append(Sentence("after_the_fact", "some" if late else "none", late, 0))
    if figures.answered_share is not None:
        share = figures.answered_share
        said.append(Sentence("answered", _share_case(share), 0, 0, {"share": share}))
    if figures.winners and figures.implemented_share is not None:
        share, winners = figures.implemented_share, figures.winners
        said.append(
            Sentence(
                "delivered", _share_case(share), winners, winners, {"share": share}
            )
        )
    if figures.per_1000 is not None:
        said.append(Sentence("reach", "some", 0, 0, {"per_1000": figures.per_1000}))
    return said
