"""The eight rungs of Arnstein's ladder (1969), as plain values: the scale every
engagement is claimed on (core) and assessed on (the ladder).

Pure: no Flask, no database. Names are marked with N_ for extraction and translated
where they are shown.
"""

from dataclasses import dataclass

from participation.markers import N_

NON_PARTICIPATION = "non_participation"
TOKENISM = "tokenism"
CITIZEN_POWER = "citizen_power"

TIER_NAMES = {
    NON_PARTICIPATION: N_("Non-participation"),
    TOKENISM: N_("Tokenism"),
    CITIZEN_POWER: N_("Citizen power"),
}


@dataclass(frozen=True)
class Rung:
    number: int
    name: str
    tier: str
    summary: str
    citizen_role: str

    @property
    def tier_name(self) -> str:
        return TIER_NAMES[self.tier]


RUNGS: tuple[Rung, ...] = (
    Rung(
        1,
        N_("Manipulation"),
        NON_PARTICIPATION,
        N_("Participation staged to win support for what is already decided."),
        N_("data point"),
    ),
    Rung(
        2,
        N_("Therapy"),
        NON_PARTICIPATION,
        N_("Activity aimed at changing the participants, not the decision."),
        N_("user"),
    ),
    Rung(
        3,
        N_("Informing"),
        TOKENISM,
        N_("One-way: residents are told, with no channel that can change anything."),
        N_("recipient"),
    ),
    Rung(
        4,
        N_("Consultation"),
        TOKENISM,
        N_(
            "Residents are asked; nothing obliges anyone to take the answer into account."
        ),
        N_("participant"),
    ),
    Rung(
        5,
        N_("Placation"),
        TOKENISM,
        N_(
            "Residents propose or sit on boards as a minority; officials keep the final say."
        ),
        N_("proposer"),
    ),
    Rung(
        6,
        N_("Partnership"),
        CITIZEN_POWER,
        N_("Power shared through negotiated rules neither side can change alone."),
        N_("co-creator"),
    ),
    Rung(
        7,
        N_("Delegated power"),
        CITIZEN_POWER,
        N_(
            "Residents hold the deciding majority or a binding vote over a defined scope."
        ),
        N_("decision-maker"),
    ),
    Rung(
        8,
        N_("Citizen control"),
        CITIZEN_POWER,
        N_("Residents govern a programme and control its money."),
        N_("leader"),
    ),
)

RUNG_NUMBERS = tuple(r.number for r in RUNGS)


def rung(number: int) -> Rung:
    """The rung with this number (1–8); ValueError otherwise."""
    if number not in RUNG_NUMBERS:
        raise ValueError(f"no rung {number!r} on the ladder (1–8)")
    return RUNGS[number - 1]


# A claim in IAP2's words (its "spectrum of public participation"), mapped onto the
# ladder as LADDER.md does. A range is stored as its lower bound: the over-claim
# figure never accuses a city of claiming more than it said.
IAP2_LEVELS: dict[str, tuple[int, int]] = {
    "inform": (3, 3),
    "consult": (4, 4),
    "involve": (4, 5),
    # 6 only with a negotiated binding agreement: the evidence shows that, not the word.
    "collaborate": (5, 6),
    "empower": (7, 8),
}
IAP2_NAMES = {
    "inform": N_("Inform"),
    "consult": N_("Consult"),
    "involve": N_("Involve"),
    "collaborate": N_("Collaborate"),
    "empower": N_("Empower"),
}
NO_CLAIM = "none"
IAP2_PREFIX = "iap2:"


def parse_claim(value: str | None) -> tuple[int | None, str | None]:
    """(rung, IAP2 level) of a claim as the forms offer it: "none", a rung "1"–"8" or
    "iap2:<level>" (stored as the level's lowest rung); ValueError for anything else,
    an empty choice included."""
    value = (value or "").strip()
    if value == NO_CLAIM:
        return None, None
    if value.startswith(IAP2_PREFIX):
        level = value.removeprefix(IAP2_PREFIX)
        if level in IAP2_LEVELS:
            return IAP2_LEVELS[level][0], level
    elif value.isdigit() and int(value) in RUNG_NUMBERS:
        return int(value), None
    raise ValueError(f"not a claim: {value!r}")


def claim_value(claimed_rung: int | None, words: str | None) -> str:
    """The form's value of a stored claim (the inverse of parse_claim)."""
    if claimed_rung is None:
        return NO_CLAIM
    if words in IAP2_LEVELS:
        return IAP2_PREFIX + words
    return str(claimed_rung)


def claim_consistent(claimed_rung: int | None, words: str | None) -> bool:
    """Whether a stored claim holds together: no claim, a rung, or an IAP2 level with
    its lowest rung."""
    if claimed_rung is None:
        return words is None
    if words is None:
        return claimed_rung in RUNG_NUMBERS
    return words in IAP2_LEVELS and IAP2_LEVELS[words][0] == claimed_rung
