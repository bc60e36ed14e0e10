"""The facts document anyone can have assessed (CLI and API), its JSON Schema, and the
assessment's JSON form.

Pure: no Flask, no database. Errors come back as (field path, code, values), worded
by the caller in the reader's language.
"""

from datetime import datetime
from typing import Any

from jsonschema import Draft202012Validator

from participation.core.rungs import rung
from participation.ladder import facts as f
from participation.ladder import timing
from participation.ladder.assessment import Assessment
from participation.ladder.consistency import beyond_schema, zone_of
from participation.ladder.rubric import assess

DATE = {
    "type": "string",
    "anyOf": [{"format": "date"}, {"format": "date-time"}, {"const": ""}],
    "description": "YYYY-MM-DD or an ISO 8601 date-time (empty: none)",
}
SHARE = {"type": "number", "minimum": 0, "maximum": 1}
COUNT = {"type": "integer", "minimum": 0}

VALUE_SCHEMAS: dict[str, dict] = {
    "initiated_by": {"enum": list(f.INITIATORS)},
    "entry_stage": {"enum": list(f.ENTRY_STAGES)},
    "opens_at": DATE,
    "closes_at": DATE,
    "decided_at": DATE,
    "input_kind": {"enum": list(f.INPUT_KINDS)},
    "residents_set_options": {"type": "boolean"},
    "resident_options_adopted": COUNT,
    "bindingness": {"enum": list(f.BINDINGNESS)},
    "delegated_scope": {
        "type": "number",
        "minimum": 0,
        "description": "money (or share) under residents' decision",
    },
    "board": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "resident_seats": COUNT,
            "total_seats": COUNT,
            "selection": {"enum": list(f.SELECTIONS)},
            "official_veto": {"type": "boolean"},
        },
    },
    "agreement": {"type": "boolean"},
    "resident_funds_control": {"type": "boolean"},
    "responses": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "contributions": COUNT,
            "answered_share": SHARE,
            "median_days_to_respond": {"type": ["number", "null"], "minimum": 0},
        },
    },
    "delivery": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "winners": COUNT,
            "implemented": COUNT,
            "on_time": COUNT,
            "share_implemented": SHARE,
            "share_on_time": SHARE,
            "measured_by": {
                "enum": ["money", "count"],
                "description": "what the shares measure: the winners' money (when "
                "their costs are known) or their number (default)",
            },
            "promised_by": {"type": ["string", "null"]},
            "pending": {"type": "boolean"},
        },
    },
    "continuity": {"type": "object"},
    "purpose_persuasion": {"type": "boolean"},
    "endorsement_claimed": {"type": "boolean"},
}


def _entry(value_schema: dict) -> dict:
    return {
        "type": "object",
        "required": ["value", "provenance"],
        "additionalProperties": False,
        "properties": {
            "value": value_schema,
            "provenance": {"enum": list(f.PROVENANCES)},
            "evidence": {"type": "string", "maxLength": 2000},
        },
        # A documented fact names its document.
        "if": {"properties": {"provenance": {"const": f.DOCUMENTED}}},
        "then": {
            "required": ["evidence"],
            "properties": {"evidence": {"minLength": 1}},
        },
    }


FACTS_DOCUMENT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Facts of an engagement (LADDER.md)",
    "description": "Facts that contradict each other are refused field by field "
    "(more resident seats than seats, closing before opening, a decision before "
    "the opening with binding resident input claimed, resident options adopted "
    "though residents could set none, more winners delivered or on time than "
    "winners or than delivered), and so is a timezone that is not an IANA name.",
    "type": "object",
    "required": ["kind", "facts"],
    "additionalProperties": False,
    "properties": {
        "kind": {"enum": list(f.KINDS)},
        "claimed_rung": {"type": "integer", "minimum": 1, "maximum": 8},
        "as_of": {**DATE, "description": "assess as on this day (default: now)"},
        "timezone": {
            "type": "string",
            "minLength": 1,
            "maxLength": 64,
            "description": "the city's IANA timezone (e.g. Europe/Warsaw), in which "
            "a date without a time stands for the whole day (default: the "
            "platform city's, UTC unless set)",
        },
        "facts": {
            "type": "object",
            "additionalProperties": False,
            "properties": {k: _entry(VALUE_SCHEMAS[k]) for k in f.FACT_KEYS},
        },
    },
}

ASSESSMENT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Assessment of an engagement on the ladder",
    "type": "object",
    "required": ["rung", "name", "tier", "caps", "confidence", "flags", "trace"],
    "properties": {
        "rung": {"type": "integer", "minimum": 1, "maximum": 8},
        "name": {"type": "string"},
        "tier": {"enum": ["non_participation", "tokenism", "citizen_power"]},
        "caps": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["code", "limit", "text"],
                "properties": {
                    "code": {"type": "string"},
                    "limit": {"type": "integer"},
                    "text": {"type": "string"},
                },
            },
        },
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "flags": {"type": "array", "items": {"type": "string"}},
        "trace": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["text", "facts"],
                "properties": {
                    "text": {"type": "string"},
                    "facts": {"type": "array", "items": {"type": "object"}},
                },
            },
        },
        "depends_on": {"type": "array", "items": {"type": "string"}},
        "held_back": {"type": "array", "items": {"type": "object"}},
        "claimed_rung": {"type": ["integer", "null"]},
        "gap": {"type": "integer"},
    },
}

_VALIDATOR = Draft202012Validator(FACTS_DOCUMENT_SCHEMA)


def _path(parts) -> str:
    return ".".join(str(p) for p in parts) or None


def problems(document: Any) -> list[tuple[str | None, str, dict]]:
    """What is wrong with a facts document: (field, code, values), field by field."""
    found = []
    for error in sorted(_VALIDATOR.iter_errors(document), key=lambda e: list(e.path)):
        where = list(error.absolute_path)
        if error.validator == "required":
            missing = error.message.split("'")[1]
            found.append((_path([*where, missing]), "required", {}))
        elif error.validator == "additionalProperties":
            extra = sorted(
                set(error.instance) - set(error.schema.get("properties", {}))
            )
            for name in extra:
                found.append((_path([*where, name]), "unknown", {}))
        elif error.validator in ("enum", "const"):
            found.append(
                (
                    _path(where),
                    "choice",
                    {
                        "choices": ", ".join(
                            map(
                                str,
                                error.validator_value
                                if error.validator == "enum"
                                else [error.validator_value],
                            )
                        )
                    },
                )
            )
        elif error.validator == "type":
            kinds = error.validator_value
            kinds = kinds if isinstance(kinds, list) else [kinds]
            found.append((_path(where), "type", {"type": " / ".join(kinds)}))
        elif error.validator in ("minimum", "maximum"):
            found.append(
                (_path(where), error.validator, {"limit": error.validator_value})
            )
        elif error.validator == "minLength" and where[-1:] == ["evidence"]:
            found.append((_path(where), "evidence", {}))
        else:
            found.append((_path(where), "invalid", {}))
    if not found and isinstance(document, dict):
        found.extend(beyond_schema(document))
    return found


def facts_of(document: dict) -> dict[str, f.Fact]:
    """The facts of a valid document."""
    return {
        key: f.Fact(entry["value"], entry["provenance"], entry.get("evidence", ""))
        for key, entry in document.get("facts", {}).items()
    }


def assess_document(
    document: dict, now: datetime | None = None, timezone: str = "UTC"
) -> Assessment:
    """Assess a valid facts document (as of its `as_of` day, else `now`), its days
    read in its own timezone, else `timezone` (the platform city's)."""
    zone = zone_of(document, timezone)
    as_of = timing.when(document.get("as_of"))
    return assess(
        document["kind"],
        facts_of(document),
        claimed_rung=document.get("claimed_rung"),
        now=timing.instant(as_of, zone) if as_of is not None else now,
        timezone=zone,
    )


def as_json(assessment: Assessment, word=lambda line: line.text()) -> dict[str, Any]:
    """The assessment as JSON; `word` renders a trace line (default: English)."""
    answer = {
        "rung": assessment.rung,
        "name": rung(assessment.rung).name,
        "tier": assessment.tier,
        "caps": [
            {"code": c.code, "limit": c.limit, "text": word(c.line)}
            for c in assessment.caps
        ],
        "confidence": assessment.confidence,
        "flags": list(assessment.flags),
        "trace": [
            {
                "text": word(line),
                "facts": [{"key": k, "provenance": p} for k, p in line.facts],
            }
            for line in assessment.trace
        ],
        "depends_on": list(assessment.depends_on),
        "held_back": [
            {"rung": number, "facts": list(keys)}
            for number, keys in assessment.held_back
        ],
        "claimed_rung": assessment.claimed_rung,
    }
    if assessment.gap is not None:
        answer["gap"] = assessment.gap
    return answer
