"""Parsing what JSON API clients send (the report filters are issues/filters.py)."""

import json
import math


def _finite_number(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)  # 1e400 reads as infinity
    return value


def _no_constant(name: str):
    raise ValueError(name)  # NaN, Infinity, -Infinity: not JSON (RFC 8259)


def json_value(data: bytes):
    """The JSON value of a request body; ValueError when it is not JSON (RFC 8259)."""
    try:
        return json.loads(data, parse_float=_finite_number, parse_constant=_no_constant)
    except RecursionError:  # nested deeper than Python's stack
        raise ValueError("nested too deeply") from None
