"""The city report's opening paragraph in the reader's language: the sentences of
ladder/summary.py worded with gettext (plural forms), numbers, dates and money in the
reader's locale and the city's currency, each name or number isolated (<bdi>) in the
HTML."""

from datetime import date

from babel.numbers import format_compact_currency
from flask_babel import (
    format_date,
    format_decimal,
    format_percent,
    get_locale,
    ngettext,
)
from flask_babel import gettext as _
from markupsafe import Markup, escape

from participation.ladder.summary import Scope, Sentence

Values = dict[str, str]


def _engagements(s: Sentence, period: str, v: Values) -> str:
    if s.case == "empty":
        if period == "since":
            return _("No engagement has opened %(place)s since %(start)s.", **v)
        if period == "until":
            return _("No engagement opened %(place)s up to %(end)s.", **v)
        if period == "between":
            return _(
                "No engagement opened %(place)s between %(start)s and %(end)s.", **v
            )
        return _("No engagement has opened %(place)s yet.", **v)
    if period == "since":
        return ngettext(
            "%(count)s engagement has opened %(place)s since %(start)s.",
            "%(count)s engagements have opened %(place)s since %(start)s.",
            s.num,
            **v,
        )
    if period == "until":
        return ngettext(
            "%(count)s engagement opened %(place)s up to %(end)s.",
            "%(count)s engagements opened %(place)s up to %(end)s.",
            s.num,
            **v,
        )
    if period == "between":
        return ngettext(
            "%(count)s engagement opened %(place)s between %(start)s and %(end)s.",
            "%(count)s engagements opened %(place)s between %(start)s and %(end)s.",
            s.num,
            **v,
        )
    return ngettext(
        "%(count)s engagement has opened %(place)s so far.",
        "%(count)s engagements have opened %(place)s so far.",
        s.num,
        **v,
    )


def _citizen_power(s: Sentence, v: Values) -> str:
    money = bool(s.values.get("money"))
    if s.case == "none":
        return ngettext(
            "This engagement did not give residents real power (rungs 6–8).",
            "None of the %(count)s engagements gave residents real power (rungs 6–8).",
            s.num,
            **v,
        )
    if s.case == "all" and money:
        return ngettext(
            "It gave residents real power (rungs 6–8), with %(money)s at stake.",
            "All %(count)s gave residents real power (rungs 6–8), with %(money)s at "
            "stake.",
            s.num,
            **v,
        )
    if s.case == "all":
        return ngettext(
            "It gave residents real power (rungs 6–8).",
            "All %(count)s gave residents real power (rungs 6–8).",
            s.num,
            **v,
        )
    if money:
        return ngettext(
            "%(count)s of them gave residents real power (rungs 6–8), with %(money)s "
            "at stake.",
            "%(count)s of them gave residents real power (rungs 6–8), with %(money)s "
            "at stake.",
            s.num,
            **v,
        )
    return ngettext(
        "%(count)s of them gave residents real power (rungs 6–8).",
        "%(count)s of them gave residents real power (rungs 6–8).",
        s.num,
        **v,
    )


def _over_claim(s: Sentence, v: Values) -> str:
    if s.case == "empty":
        return ngettext(
            "It made no claim to a rung.",
            "None of them made a claim to a rung.",
            s.num,
            **v,
        )
    if s.case == "none":
        return ngettext(
            "The engagement that made a claim claimed no more than the evidence shows.",
            "None of the %(count)s engagements that made a claim claimed more than the "
            "evidence shows.",
            s.num,
            **v,
        )
    if s.case == "all":
        return ngettext(
            "The engagement that made a claim claimed more than the evidence shows.",
            "All %(count)s engagements that made a claim claimed more than the "
            "evidence shows.",
            s.num,
            **v,
        )
    return ngettext(
        "%(count)s of the %(total)s engagements that made a claim claimed more than "
        "the evidence shows.",
        "%(count)s of the %(total)s engagements that made a claim claimed more than "
        "the evidence shows.",
        s.num,
        **v,
    )


def _after_the_fact(s: Sentence, v: Values) -> str:
    if s.case == "none":
        return _(
            "Every engagement with a decision date opened before that decision was "
            "taken."
        )
    return ngettext(
        "%(count)s opened only after the decision it was meant to inform had been "
        "taken.",
        "%(count)s opened only after the decisions they were meant to inform had been "
        "taken.",
        s.num,
        **v,
    )


def _answered(s: Sentence, v: Values) -> str:
    if s.case == "none":
        return _("Officials have answered none of residents' inputs.")
    if s.case == "all":
        return _("Officials answered every input residents gave.")
    return _("Officials answered %(share)s of residents' inputs.", **v)


def _delivered(s: Sentence, v: Values) -> str:
    if s.case == "none":
        return ngettext(
            "The winning proposal has not been delivered yet.",
            "None of the %(count)s winning proposals has been delivered yet.",
            s.num,
            **v,
        )
    if s.case == "all":
        return ngettext(
            "The winning proposal has been delivered.",
            "All %(count)s winning proposals have been delivered.",
            s.num,
            **v,
        )
    return ngettext(
        "%(share)s of the %(count)s winning proposal has been delivered.",
        "%(share)s of the %(count)s winning proposals have been delivered.",
        s.num,
        **v,
    )


def _reach(s: Sentence, v: Values) -> str:
    return _("About %(per_1000)s in every 1,000 residents took part.", **v)


SAYS = {
    "citizen_power": _citizen_power,
    "over_claim": _over_claim,
    "after_the_fact": _after_the_fact,
    "answered": _answered,
    "delivered": _delivered,
    "reach": _reach,
}


def _text(s: Sentence, scope: Scope, v: Values) -> str:
    if s.says == "engagements":
        return _engagements(s, scope.period, v)
    return SAYS[s.says](s, v)


def _day(day: date | None) -> str:
    return format_date(day, "long") if day else ""


def _values(s: Sentence, scope: Scope, currency: str) -> Values:
    """The sentence's figures as the reader's locale writes them."""
    values = {
        "count": format_decimal(s.num),
        "total": format_decimal(s.total),
        "start": _day(scope.first_day),
        "end": _day(scope.last_day),
    }
    if "money" in s.values:
        values["money"] = format_compact_currency(
            s.values["money"], currency, locale=get_locale(), fraction_digits=1
        )
    if "share" in s.values:
        values["share"] = format_percent(s.values["share"])
    if "per_1000" in s.values:
        values["per_1000"] = format_decimal(round(s.values["per_1000"], 1))
    return values


MARK = "\ue000%s\ue001"  # private-use characters: never in a translation


def _html(text: str, values: Values, phrases: dict[str, str]) -> Markup:
    """Words filled in with markers (see _worded), escaped, then each value put in
    its place escaped and isolated in a <bdi>, each phrase (already HTML) as it is."""
    out = str(escape(text))
    for key, value in values.items():
        out = out.replace(MARK % key, str(Markup("<bdi>{}</bdi>").format(value)))
    for key, phrase in phrases.items():
        out = out.replace(MARK % key, str(phrase))
    return Markup(out)


def _worded(s: Sentence, scope: Scope, currency: str, html: bool) -> str:
    values = _values(s, scope, currency)
    if scope.district is None:
        place: str = _("across the whole city")
    elif html:
        district = {"district": scope.district}
        place = _html(_("in %(district)s", district=MARK % "district"), district, {})
    else:
        place = _("in %(district)s", district=scope.district)
    if not html:
        return _text(s, scope, {**values, "place": place})
    marked = {key: MARK % key for key in [*values, "place"]}
    return _html(_text(s, scope, marked), values, {"place": str(escape(place))})


def paragraph(
    sentences: list[Sentence], scope: Scope, currency: str, html: bool = True
) -> list[str]:
    """The paragraph's sentences in the reader's language: Markup (escaped, names and
    numbers in <bdi>) when html, else plain text."""
    return [_worded(s, scope, currency, html) for s in sentences]
