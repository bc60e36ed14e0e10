"""The city report: the page, its exports (versioned JSON, CSV per table) and the
page that compares several cities' published JSON reports."""

import csv
import io
import json
import re
from dataclasses import asdict
from datetime import date, timedelta

from flask import Blueprint, Response, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from participation.auth.models import AGE_GROUPS
from participation.core.clock import city_day, start_of_day
from participation.core.rungs import NO_CLAIM
from participation.core.services import get_city, list_districts
from participation.i18n.content import prefetch, texts_of
from participation.ladder import report, summary
from participation.ladder.figures import BEHIND
from participation.ladder.labels import FIGURE_NAMES
from participation.ladder.report_schema import REPORT_SCHEMA, report_problems
from participation.ladder.summary_words import paragraph
from participation.params import int_arg

bp = Blueprint("city_report", __name__)

TABLES = (
    "engagements",
    "rungs",
    "districts",
    "quarters",
    "district_quarters",
    "age_groups",
    "issue_quarters",
)


def _period():
    """The chosen period and district from the query string, and what was wrong."""
    errors, tz = [], get_city().timezone
    values = {}
    for name in ("from", "to"):
        raw = request.args.get(name, "")
        try:
            values[name] = start_of_day(date.fromisoformat(raw), tz) if raw else None
        except ValueError:
            errors.append(_("Give dates as YYYY-MM-DD."))
            values[name] = None
    district = int_arg(request.args, "district")
    if district is not None and district not in {d.id for d in list_districts()}:
        errors.append(_("Choose a district from the list."))
        district = None
    return values["from"], values["to"], district, sorted(set(errors))


def _scope(start, end, district_id) -> summary.Scope:
    """What the report covers, as its opening paragraph names it (the last day
    included: the form's "opened before" day is the one after it)."""
    tz = get_city().timezone
    last = city_day(end, tz)
    return summary.Scope(
        first_day=city_day(start, tz),
        last_day=last - timedelta(days=1) if last else None,
        district=next((d.name for d in list_districts() if d.id == district_id), None),
    )


def _report():
    start, end, district, errors = _period()
    data = report.city_report(start, end, district, get_city().name)
    return data, errors


def _summary(data: dict, start, end, district, html: bool = True) -> list[str]:
    """The report's opening paragraph, sentence by sentence."""
    sentences = summary.sentences(summary.figures_of(data))
    scope = _scope(start, end, district)
    return paragraph(sentences, scope, get_city().currency, html=html)


@bp.get("/report")
def page():
    start, end, district, errors = _period()
    data = report.city_report(start, end, district, get_city().name)
    listed, chart = report.page_marks(data["marks"])
    # The table's engagements and the chart's (each mark names and links its own).
    engagements = report.engagements_by_id(
        sorted({m["engagement"] for m in [*listed, *chart] if "engagement" in m})
    )
    prefetch(texts_of(*engagements.values()))
    return render_template(
        "ladder/report.html",
        data=data,
        listed=listed,
        chart=chart,
        engagements=engagements,
        errors=errors,
        summary=_summary(data, start, end, district),
        districts=list_districts(),
        args=request.args,
        tables=TABLES,
        figure_names=FIGURE_NAMES,
        after_the_fact=set(data["timeliness"]["after_the_fact"]),
        age_groups=AGE_GROUPS,
    )


PAGE_SIZE = 50


@bp.get("/report/behind")
def behind():
    """The engagements behind a figure of the report (a rung, a quarter, an
    indicator), in the report's period and district, by the largest over-claim."""
    start, end, district, errors = _period()
    figure = request.args.get("figure") or None
    if figure is not None and figure not in BEHIND:
        errors.append(_("There is no such figure in the report."))
        figure = None
    rung_number = int_arg(request.args, "rung")
    if rung_number is not None and not 1 <= rung_number <= 8:
        errors.append(_("Choose a rung from 1 to 8."))
        rung_number = None
    quarter = request.args.get("quarter") or None
    if quarter is not None and not re.fullmatch(r"[0-9]{4}-Q[1-4]", quarter):
        errors.append(_("Give a quarter as YYYY-Q1 to YYYY-Q4."))
        quarter = None
    rows = report.behind(start, end, district, figure, rung_number, quarter)
    page_number = int_arg(request.args, "page", 1, minimum=1)
    shown = rows[(page_number - 1) * PAGE_SIZE : page_number * PAGE_SIZE]
    engagements = report.engagements_by_id([r.id for r in shown])
    prefetch(texts_of(*engagements.values()))
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template(
        "ladder/behind.html",
        rows=shown,
        total=len(rows),
        page=page_number,
        pages=max((len(rows) + PAGE_SIZE - 1) // PAGE_SIZE, 1),
        engagements=engagements,
        figure=figure,
        figure_names=FIGURE_NAMES,
        rung_number=rung_number,
        quarter=quarter,
        district=next((d for d in list_districts() if d.id == district), None),
        errors=errors,
        args=args,
        report_args={k: v for k, v in args.items() if k in ("from", "to", "district")},
    ), (400 if errors else 200)


@bp.get("/report.schema.json")
def schema():
    """The published JSON Schema of the report format (version 1)."""
    return Response(
        json.dumps(REPORT_SCHEMA, ensure_ascii=False, indent=1),
        mimetype="application/schema+json",
    )


@bp.get("/report.json")
def as_json():
    start, end, district, _errors = _period()
    data = report.city_report(start, end, district, get_city().name)
    # The opening paragraph in English, and the figures it rests on.
    with force_locale("en"):
        text = " ".join(_summary(data, start, end, district, html=False))
    data["summary"] = {"text": text, "figures": asdict(summary.figures_of(data))}
    return Response(
        json.dumps(data, ensure_ascii=False, indent=1, default=str),
        mimetype="application/json",
        headers={"Content-Disposition": "attachment; filename=city-report.json"},
    )


def _table(data: dict, name: str) -> tuple[list[str], list[list]]:
    if name == "engagements":
        head = ["engagement", "kind", "claimed", "evidenced", "reviewed"]
        # "none": the planner made no claim (counted apart, never as rung 1).
        return head, [
            [NO_CLAIM if k == "claimed" and m[k] is None else m[k] for k in head]
            for m in data["marks"]
        ]
    if name == "rungs":
        head = ["rung", "engagements", "money", "participants"]
        by_rung = data["distribution"]["by_rung"]
        return head, [[n, *(by_rung[n][k] for k in head[1:])] for n in sorted(by_rung)]
    if name == "districts":
        rates = data["reach"]["per_1000_by_district"]
        return ["district", "participants_per_1000"], [[d, r] for d, r in rates.items()]
    if name == "issue_quarters":
        head = ["quarter", "reports", "fixed_share", "median_days_to_fix"]
        quarters = data["delivery"]["issues"]["by_quarter"]
        return head, [[q, *(v[k] for k in head[1:])] for q, v in quarters.items()]
    if name == "age_groups":
        groups = data["reach"]["age_groups"]["by_group"]
        return ["age_group", "people", "share"], [
            [g, *((v["people"], v["share"]) if v else (None, None))]
            for g, v in groups.items()
        ]
    if name == "district_quarters":
        return ["quarter", "district", "participants_per_1000"], [
            [q, d, rate]
            for q, reach in data["reach"]["by_quarter"].items()
            for d, rate in reach["per_1000_by_district"].items()
        ]
    trend = data["trend"]
    head = ["quarter", *next(iter(trend.values()), {})]
    return head, [[q, *v.values()] for q, v in trend.items()]


@bp.get("/report/<name>.csv")
def as_csv(name: str):
    if name not in TABLES:
        from flask import abort

        abort(404)
    data, _errors = _report()
    head, rows = _table(data, name)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(head)
    writer.writerows(rows)
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename=report-{name}.csv"},
    )


@bp.route("/report/compare", methods=["GET", "POST"])
def compare():
    """Several cities' JSON reports side by side (uploaded; nothing is stored)."""
    reports, errors = [], []
    if request.method == "POST":
        for upload in request.files.getlist("reports"):
            if not upload or not upload.filename:
                continue
            try:
                data = json.loads(upload.read().decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                errors.append(_("%(file)s is not a JSON report.", file=upload.filename))
                continue
            if not isinstance(data, dict) or data.get("format") != report.FORMAT:
                errors.append(_("%(file)s is not a city report.", file=upload.filename))
            elif data.get("version") != report.VERSION:
                errors.append(
                    _(
                        "%(file)s uses another version of the report format.",
                        file=upload.filename,
                    )
                )
            elif problems := report_problems(data):
                errors.append(
                    _(
                        "%(file)s does not follow the report format at %(where)s.",
                        file=upload.filename,
                        where=", ".join(problems[:3]),
                    )
                )
            else:
                reports.append(data)
        if not reports and not errors:
            errors.append(_("Choose one or more JSON reports."))
    return render_template(
        "ladder/compare.html",
        reports=reports,
        errors=errors,
        own=url_for("city_report.as_json"),
    ), (400 if errors and not reports else 200)
