"""Service definition attributes: their public form and the checking of posted values.

Pure: no Flask, no database. A category's `attributes` is a list of dicts with the
GeoReport v2 fields (variable, code, datatype, required, datatype_description, order,
description, values); posted values arrive as `attribute[CODE]` or, for lists,
`attribute[CODE][]`. Error messages are plain English: they are read by developers of
Open311 clients, not by residents.
"""

import math
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

DATATYPES = (
    "string",
    "number",
    "datetime",
    "text",
    "singlevaluelist",
    "multivaluelist",
)
MAX_LENGTH = {"string": 300, "text": 4000}
_PARAMETER = re.compile(r"^attribute\[([^\[\]]+)\](\[\])?$")


def _text(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def _order(value: Any) -> int | None:
    try:
        return None if value in (None, "") else int(value)
    except (TypeError, ValueError):
        return None


def definitions(raw: Sequence[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    """The attributes in their public GeoReport v2 form, sorted by `order`."""
    result = []
    for item in raw or []:
        if not isinstance(item, Mapping) or not item.get("code"):
            continue
        datatype = item.get("datatype", "string")
        result.append(
            {
                "variable": bool(item.get("variable", True)),
                "code": str(item["code"]),
                "datatype": datatype if datatype in DATATYPES else "string",
                "required": bool(item.get("required", False)),
                "datatype_description": _text(item.get("datatype_description")),
                "order": _order(item.get("order")),
                "description": _text(item.get("description")),
                "values": [
                    {"key": str(value["key"]), "name": str(value.get("name", ""))}
                    for value in item.get("values") or []
                    if isinstance(value, Mapping) and "key" in value
                ],
            }
        )
    # Unordered attributes come last, in the order they were defined.
    result.sort(key=lambda a: (a["order"] is None, a["order"] or 0))
    return result


def posted_values(form: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """{code: [non-empty values]} from the `attribute[…]` parameters of a form."""
    values: dict[str, list[str]] = {}
    for name, items in form.items():
        match = _PARAMETER.match(name)
        if match:
            found = [v for v in items if v is not None and str(v).strip() != ""]
            values.setdefault(match.group(1), []).extend(str(v).strip() for v in found)
    return values


def _number(value: str) -> int | float:
    number = float(value)  # ValueError when not a number
    if not math.isfinite(number):
        raise ValueError(value)
    return int(number) if re.fullmatch(r"[+-]?\d+", value) else number


def _one(attribute: dict[str, Any], items: list[str]) -> Any:
    """The stored value of a single-valued attribute, or ValueError with the reason."""
    if len(items) > 1:
        raise ValueError("Give one value only.")
    value, datatype = items[0], attribute["datatype"]
    if datatype in MAX_LENGTH and len(value) > MAX_LENGTH[datatype]:
        raise ValueError(f"Use at most {MAX_LENGTH[datatype]} characters.")
    if datatype == "number":
        try:
            return _number(value)
        except ValueError:
            raise ValueError("Give a number, e.g. 12 or 3.5.") from None
    if datatype == "datetime":
        try:
            return datetime.fromisoformat(value).isoformat()
        except ValueError:
            raise ValueError(
                "Give an ISO 8601 date and time, e.g. 2026-05-01T14:30:00+02:00."
            ) from None
    if datatype == "singlevaluelist":
        keys = [v["key"] for v in attribute["values"]]
        if value not in keys:
            raise ValueError(f"Choose one of: {', '.join(keys)}.")
    return value


def _many(attribute: dict[str, Any], items: list[str]) -> list[str]:
    keys = [v["key"] for v in attribute["values"]]
    unknown = [v for v in items if v not in keys]
    if unknown:
        raise ValueError(
            f"Unknown value(s) {', '.join(unknown)}; choose from: {', '.join(keys)}."
        )
    return list(dict.fromkeys(items))


def check_values(
    attributes: list[dict[str, Any]], posted: dict[str, list[str]]
) -> tuple[dict[str, Any], dict[str, str]]:
    """(values to store by code, errors by parameter name) for posted attribute values.

    `attributes` are public definitions (see `definitions`). Values of attributes that
    are not input (variable false) are ignored; unknown codes are errors.
    """
    by_code = {a["code"]: a for a in attributes}
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for code in posted:
        if code not in by_code:
            errors[f"attribute[{code}]"] = "This service has no such attribute."
    for attribute in attributes:
        code = attribute["code"]
        items = posted.get(code, [])
        if not attribute["variable"]:
            continue
        if not items:
            if attribute["required"]:
                errors[f"attribute[{code}]"] = "This attribute is required."
            continue
        try:
            if attribute["datatype"] == "multivaluelist":
                values[code] = _many(attribute, items)
            else:
                values[code] = _one(attribute, items)
        except ValueError as error:
            errors[f"attribute[{code}]"] = str(error)
    return values, errors
