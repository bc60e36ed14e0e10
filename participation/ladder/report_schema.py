"""The published JSON Schema of the city report (format "participation-city-report",
version 1), served at /report.schema.json; every report the platform writes is valid
against it, and the compare page checks uploads with it."""

from typing import Any

from jsonschema import Draft202012Validator

from participation.ladder.indicators import MIN_GROUP

SHARE = {"type": ["number", "null"], "minimum": 0, "maximum": 1}
COUNT = {"type": "integer", "minimum": 0}
NUMBER = {"type": ["number", "null"]}
IDS = {"type": "array", "items": {"type": "integer"}}
RUNG = {"type": "integer", "minimum": 1, "maximum": 8}
# A number of people: null when 1 to 9 (not shown; 0 is).
COUNTED = {"type": ["integer", "null"], "minimum": 0}
CELL = {
    "type": "object",
    "required": ["engagements", "money", "participants"],
    "properties": {
        "engagements": COUNT,
        "money": {"type": "number"},
        "participants": COUNTED,
    },
}


def _object(
    required: dict[str, Any], optional: dict[str, Any] | None = None, **extra: Any
) -> dict[str, Any]:
    """An object with these properties; the optional ones were added to version 1
    later (reports written before them stay valid)."""
    return {
        "type": "object",
        "required": list(required),
        "properties": {**required, **(optional or {})},
        **extra,
    }


QUARTER = "^[0-9]{4}-Q[1-4]$"
REACH = {
    "per_1000_by_district": {
        "type": "object",
        "patternProperties": {"^[0-9]+$": NUMBER},
        "additionalProperties": False,
    },
    "per_1000_city": NUMBER,
    "disparity": NUMBER,
}
FIXES = {
    "reports": COUNT,
    "fixed_share": SHARE,
    "median_days_to_fix": NUMBER,
}
PEOPLE = {"type": ["integer", "null"], "minimum": MIN_GROUP}


REPORT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "participation-city-report-1.schema.json",
    "title": "City participation report (version 1)",
    "description": "How citizen-powered a city's engagements are, by the indicators "
    "of Arnstein's ladder. Shares are 0–1 or null when there is nothing to measure; "
    "groups under 10 people are null. No personal data.",
    **_object(
        {
            "format": {"const": "participation-city-report"},
            "version": {"const": 1},
            "city": {"type": "string"},
            "generated_at": {"type": "string", "format": "date-time"},
            "period": _object(
                {
                    "from": {"type": ["string", "null"]},
                    "to": {"type": ["string", "null"]},
                }
            ),
            "district": {"type": ["integer", "null"]},
            "engagements": COUNT,
            "distribution": _object(
                {
                    "by_rung": {
                        "type": "object",
                        "patternProperties": {"^[1-8]$": CELL},
                        "additionalProperties": False,
                    },
                    "by_tier": {"type": "object", "additionalProperties": CELL},
                }
            ),
            "citizen_power": _object(
                {"engagements_share": SHARE, "money_share": SHARE}
            ),
            "over_claim": _object(
                {"share": SHARE, "mean_gap": NUMBER, "engagements": IDS},
                # The share's denominator, and the engagements without a claim.
                {"claimed": COUNT, "no_claim": COUNT},
            ),
            "timeliness": _object(
                {
                    "share_before_decision": SHARE,
                    "median_lead_days": NUMBER,
                    "after_the_fact": IDS,
                }
            ),
            "responsiveness": _object(
                {
                    "answered_share": SHARE,
                    "median_days_to_answer": NUMBER,
                    "closed_with_report_share": SHARE,
                }
            ),
            "influence": _object(
                {
                    "resident_options_adopted": COUNT,
                    "money_under_binding_resident_decision": {"type": "number"},
                }
            ),
            "delivery": _object(
                {
                    "winners": COUNT,
                    "implemented_share": SHARE,
                    "on_time_share": SHARE,
                    "issues": _object(
                        FIXES,
                        {
                            "by_quarter": {
                                "type": "object",
                                "patternProperties": {QUARTER: _object(FIXES)},
                                "additionalProperties": False,
                            }
                        },
                    ),
                }
            ),
            "reach": _object(
                REACH,
                {
                    "by_quarter": {
                        "type": "object",
                        "patternProperties": {QUARTER: _object(REACH)},
                        "additionalProperties": False,
                    },
                    "age_groups": _object(
                        {
                            "residents": PEOPLE,
                            "by_group": {
                                "type": "object",
                                "additionalProperties": {
                                    "oneOf": [
                                        {"type": "null"},
                                        _object({"people": PEOPLE, "share": SHARE}),
                                    ]
                                },
                            },
                        }
                    ),
                },
            ),
            "continuity": _object(
                {
                    "projects": COUNT,
                    "recurring_share": SHARE,
                    "longest_silences": {
                        "type": "array",
                        "items": _object(
                            {"project": {"type": "integer"}, "days": NUMBER}
                        ),
                    },
                }
            ),
            "return_rate": _object(
                {
                    "residents": PEOPLE,
                    "returning_share": SHARE,
                }
            ),
            "trend": {
                "type": "object",
                "patternProperties": {
                    QUARTER: _object(
                        {
                            "engagements": COUNT,
                            "mean_rung": {"type": "number"},
                            "citizen_power_share": SHARE,
                            "over_claim_share": SHARE,
                            "share_before_decision": SHARE,
                            "answered_share": SHARE,
                            "closed_with_report_share": SHARE,
                            "resident_options_adopted": COUNT,
                            "money_under_binding_resident_decision": {"type": "number"},
                            "implemented_share": SHARE,
                            "participations": COUNTED,
                        },
                        {
                            "citizen_power_money_share": SHARE,
                            "over_claim_mean_gap": NUMBER,
                            "median_lead_days": NUMBER,
                            "median_days_to_answer": NUMBER,
                            "on_time_share": SHARE,
                            "recurring_share": SHARE,
                            "participants": PEOPLE,
                            "participants_per_1000": NUMBER,
                            "first_time": PEOPLE,
                            "returning_share": SHARE,
                        },
                    )
                },
                "additionalProperties": False,
            },
            "marks": {
                "type": "array",
                "items": _object(
                    {
                        "engagement": {"type": "integer"},
                        # null: the planner made no claim
                        "claimed": {"anyOf": [RUNG, {"type": "null"}]},
                        "evidenced": RUNG,
                        "reviewed": {"type": ["integer", "null"]},
                        "kind": {"type": "string"},
                    }
                ),
            },
        },
        {
            # The opening paragraph in English and the figures it rests on
            # (ladder/summary.py); added to version 1 later.
            "summary": _object(
                {
                    "text": {"type": "string"},
                    "figures": {"type": "object"},
                }
            ),
        },
    ),
}

_VALIDATOR = Draft202012Validator(REPORT_SCHEMA)


def report_problems(data: Any) -> list[str]:
    """Where a report departs from the schema: one JSON path per problem."""
    return sorted({error.json_path for error in _VALIDATOR.iter_errors(data)})
