"""Numbers people type into addresses and forms: whole numbers the database can hold,
finite coordinates. Checked where they enter, so nothing absurd reaches a query."""

import math

from flask_babel import gettext as _
from werkzeug.routing import IntegerConverter

from participation.errors import Invalid

# Every id, amount and count is stored in an `integer` column: PostgreSQL's holds
# 32 bits (SQLite's 64). A larger number cannot name anything stored.
DB_INT_MAX = 2**31 - 1


class IdConverter(IntegerConverter):
    """`<int:…>` in every route: a number past DB_INT_MAX matches no route (a 404),
    instead of reaching the database driver and failing there."""

    def __init__(self, map, fixed_digits=0, min=None, max=DB_INT_MAX, signed=False):
        super().__init__(map, fixed_digits, min, max, signed)


def fits_integer(value: int) -> bool:
    """Whether a whole number fits the database's integer columns."""
    return -DB_INT_MAX - 1 <= value <= DB_INT_MAX


def int_arg(
    args,
    name: str,
    default: int | None = None,
    minimum: int = 0,
    maximum: int = DB_INT_MAX,
):
    """A whole-number parameter (of a query string or a form) from `minimum` to
    `maximum`; `default` when it is missing or empty. Invalid (a 400 naming the
    parameter, unless the caller shows it) otherwise."""
    text = (args.get(name) or "").strip()
    if not text:
        return default
    value = parse_int(text)
    if value is None or not minimum <= value <= maximum:
        raise Invalid(
            {
                name: _(
                    "Give %(name)s as a whole number from %(minimum)d to %(maximum)d.",
                    name=name,
                    minimum=minimum,
                    maximum=maximum,
                )
            }
        )
    return value


def parse_int(text) -> int | None:
    """The whole number written in `text` (ASCII digits, optional sign), or None."""
    text = str(text).strip()
    digits = text[1:] if text[:1] in "+-" else text
    if not digits.isascii() or not digits.isdigit() or len(digits) > 30:
        return None
    return int(text)


def stored_id(text) -> int | None:
    """The id written in `text` if it could name a stored row (1 to DB_INT_MAX),
    else None."""
    number = parse_int(text)
    return number if number is not None and 0 < number <= DB_INT_MAX else None


def finite_float(text) -> float | None:
    """A finite number from text (or a number), or None: never nan, inf, or a
    value Python rounds to infinity."""
    if isinstance(text, bool):
        return None
    try:
        value = float(text)
    except (TypeError, ValueError, OverflowError):
        return None
    return value if math.isfinite(value) else None


def float_arg(args, name: str) -> float | None:
    """A finite-number query parameter, or None when missing or not a finite number."""
    text = (args.get(name) or "").strip()
    return finite_float(text) if text else None
