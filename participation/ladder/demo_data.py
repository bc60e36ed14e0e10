"""The demo city's recorded ladder facts: a varied story — some engagements
over-claimed, some genuinely citizen-powered, one after the fact, one staged to
persuade."""

from sqlalchemy import select

from participation.core.models import Engagement
from participation.extensions import db
from participation.ladder.models import RecordedFact
from participation.ladder.services import refresh
from participation.plug import DemoCity

DOCS = "https://demo.city/documents/"

# engagement title -> [(key, value, provenance, evidence)]
FACTS = {
    "Street walk with parents and pupils": [
        ("input_kind", "deliberation", "declared", ""),
        ("residents_set_options", True, "declared", ""),
    ],
    "Drop-in evening at Eastbank Library": [("input_kind", "feedback", "declared", "")],
    "Information evening on the new street lights": [
        ("input_kind", "none", "declared", ""),
        ("endorsement_claimed", True, "documented", DOCS + "press/2026-led-lights"),
        ("initiated_by", "city", "declared", ""),
    ],
    "Orchard steering group: planting plan": [
        ("input_kind", "deliberation", "declared", ""),
        ("agreement", True, "documented", DOCS + "orchard/charter.pdf"),
        (
            "board",
            {
                "resident_seats": 6,
                "total_seats": 10,
                "selection": "elected",
                "official_veto": False,
            },
            "documented",
            DOCS + "orchard/steering-group-election",
        ),
        ("initiated_by", "residents", "documented", DOCS + "orchard/petition"),
    ],
    "Design workshop with residents": [
        ("input_kind", "deliberation", "declared", ""),
        (
            "residents_set_options",
            True,
            "documented",
            DOCS + "riverside/workshop-notes",
        ),
        ("entry_stage", "options", "declared", ""),
    ],
    "Neighbourhood Budget 2025: proposal assemblies": [
        ("input_kind", "proposals", "declared", ""),
        ("residents_set_options", True, "declared", ""),
    ],
    "Budget delegates' assembly": [
        ("input_kind", "deliberation", "declared", ""),
        ("agreement", True, "documented", DOCS + "budget-2026/rulebook.pdf"),
        (
            "board",
            {
                "resident_seats": 12,
                "total_seats": 12,
                "selection": "lottery",
                "official_veto": False,
            },
            "documented",
            DOCS + "budget-2026/delegates-draw",
        ),
    ],
    "Youth Fund: spring grants round": [
        (
            "board",
            {
                "resident_seats": 7,
                "total_seats": 9,
                "selection": "elected",
                "official_veto": False,
            },
            "documented",
            DOCS + "youth-fund/panel",
        ),
        ("resident_funds_control", True, "declared", ""),
    ],
    "Public exhibition of the depot plans": [("input_kind", "none", "declared", "")],
    "Planning committee hearing on the depot brief": [
        ("input_kind", "none", "declared", "")
    ],
    "Tenants' panel on the retrofit works": [
        ("input_kind", "deliberation", "declared", ""),
        (
            "board",
            {
                "resident_seats": 3,
                "total_seats": 12,
                "selection": "appointed",
                "official_veto": True,
            },
            "documented",
            DOCS + "ashgrove/panel-terms",
        ),
    ],
    "Heat-pump coaching sessions for tenants": [
        ("input_kind", "none", "declared", ""),
        ("purpose_persuasion", True, "documented", DOCS + "ashgrove/coaching-brief"),
    ],
    "Data charter working group": [
        ("input_kind", "deliberation", "declared", ""),
        ("agreement", True, "declared", ""),
        (
            "board",
            {
                "resident_seats": 4,
                "total_seats": 8,
                "selection": "self_selected",
                "official_veto": False,
            },
            "documented",
            DOCS + "sensors/working-group",
        ),
    ],
}


# engagement title -> (rung given, reason, evidence); None: confirms the computed rung.
REVIEWS = {
    "Heat-pump coaching sessions for tenants": (
        2,
        "The brief sets out to change tenants' heating habits; nothing they say can "
        "change the works.",
        DOCS + "ashgrove/coaching-brief",
    ),
    "Orchard steering group: planting plan": (None, "", ""),
    "Youth Fund: spring grants round": (
        7,
        "The panel decides the grants, but the fund's account stays with the city "
        "finance office: not citizen control.",
        DOCS + "youth-fund/panel",
    ),
}


def fill_ladder(city: DemoCity) -> None:
    """Record the demo facts, compute every engagement's evidenced rung, and add an
    evaluator's first reviews."""
    planner, evaluator = city.planner, city.evaluator
    ids = dict(db.session.execute(select(Engagement.title, Engagement.id)).all())
    for title, facts in FACTS.items():
        if title not in ids:
            continue
        for key, value, provenance, evidence in facts:
            db.session.add(
                RecordedFact(
                    engagement_id=ids[title],
                    key=key,
                    value=value,
                    provenance=provenance,
                    evidence=evidence,
                    recorded_by_id=planner.id,
                )
            )
    db.session.commit()
    refresh(all_of_them=True)
    if evaluator is None:
        return
    from participation.ladder.reviews import review
    from participation.ladder.services import assessment_of

    for title, (rung, reason, evidence) in REVIEWS.items():
        if title in ids:
            computed = assessment_of(db.session.get(Engagement, ids[title])).rung
            review(evaluator, ids[title], rung or computed, reason, evidence)
