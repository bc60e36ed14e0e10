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
