"""What a facts document's JSON Schema cannot say: its dates and timezone readable,
and its facts not contradicting each other (more resident seats than seats, closing
before opening, a binding vote decided before it opened …), each on the field that
cannot be right given the others.

Pure: no Flask, no database. Errors come back as (field path, code, values), worded
by the caller in the reader's language (ladder/wording.py).
"""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from participation.ladder import timing

DATE_KEYS = ("opens_at", "closes_at", "decided_at")

# The codes of the rules JSON Schema cannot state (checked after the schema).
BEYOND_SCHEMA = (
    "date",
    "timezone",
    "seats",
    "closes_before_opening",
    "decided_before_binding_input",
    "options_not_set",
    "over_winners",
    "on_time_over_implemented",
)


def contradictions(document: dict) -> list[tuple[str, str, dict]]:
    """Facts of a well-formed document that contradict each other, on the field
    that cannot be right given the others."""
    values = {k: e.get("value") for k, e in document.get("facts", {}).items()}
    found: list[tuple[str, str, dict]] = []

    def at(key: str, *inside: str) -> str:
        return ".".join(("facts", key, "value", *inside))

    board = values.get("board") or {}
    residents, seats = board.get("resident_seats"), board.get("total_seats")
    if residents is not None and seats is not None and residents > seats:
        found.append((at("board", "resident_seats"), "seats", {"total": seats}))

    zone = zone_of(document)
    opens, closes, decided = (
        timing.when(values.get(k)) for k in ("opens_at", "closes_at", "decided_at")
    )
    if timing.earlier(closes, opens, zone):
        found.append((at("closes_at"), "closes_before_opening", {}))
    binding_input = values.get("bindingness") == "binding" and (
        values.get("input_kind") == "vote" or (values.get("delegated_scope") or 0) > 0
    )
    if binding_input and timing.decided_before_opening(decided, opens, zone):
        found.append((at("decided_at"), "decided_before_binding_input", {}))

    if (values.get("resident_options_adopted") or 0) > 0 and (
        values.get("residents_set_options") is False
    ):
        found.append((at("resident_options_adopted"), "options_not_set", {}))

    delivery = values.get("delivery") or {}
    winners = delivery.get("winners")
    implemented, on_time = delivery.get("implemented"), delivery.get("on_time")
    for name in ("implemented", "on_time"):
        count = delivery.get(name)
        if winners is not None and count is not None and count > winners:
            found.append((at("delivery", name), "over_winners", {"winners": winners}))
    if implemented is not None and on_time is not None and on_time > implemented:
        found.append((at("delivery", "on_time"), "on_time_over_implemented", {}))
    shares = delivery.get("share_implemented"), delivery.get("share_on_time")
    if None not in shares and shares[1] > shares[0]:
        found.append((at("delivery", "share_on_time"), "on_time_over_implemented", {}))
    return found


def beyond_schema(document: dict) -> list[tuple[str, str, dict]]:
    """The problems of a document the schema accepted: unreadable dates or timezone
    first, then (when there are none) the contradictions."""
    found: list[tuple[str, str, dict]] = []
    for key in DATE_KEYS:
        entry = document.get("facts", {}).get(key)
        if entry is not None:
            try:
                timing.when(entry["value"])
            except (ValueError, TypeError):
                found.append((f"facts.{key}.value", "date", {}))
    if document.get("as_of") is not None:
        try:
            timing.when(document["as_of"])
        except (ValueError, TypeError):
            found.append(("as_of", "date", {}))
    if document.get("timezone") is not None and not _known_zone(document["timezone"]):
        found.append(("timezone", "timezone", {}))
    return found or contradictions(document)


def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a directory, …
        return False
    return True


def zone_of(document: dict, timezone: str = "UTC") -> str:
    """The timezone a document's days are read in: its own, else `timezone`."""
    return document.get("timezone") or timezone
