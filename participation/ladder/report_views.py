"""The city report: the page, its exports (versioned JSON, CSV per table) and the
page that compares several cities' published JSON reports."""

import csv
import io
import json
from datetime import date

from flask import Blueprint, Response, render_template, request, url_for
from flask_babel import gettext as _

from participation.core.clock import start_of_day
from participation.core.services import get_city, list_districts
from participation.i18n.content import prefetch, texts_of
from participation.ladder import report

bp = Blueprint("city_report", __name__)

TABLES = ("engagements", "rungs", "districts", "quarters")


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
    district = request.args.get("district", type=int)
    if district is not None and district not in {d.id for d in list_districts()}:
        errors.append(_("Choose a district from the list."))
        district = None
    return values["from"], values["to"], district, sorted(set(errors))


def _report():
    start, end, district, errors = _period()
    data = report.city_report(start, end, district, get_city().name)
    return data, errors


@bp.get("/report")
def page():
    data, errors = _report()
    listed, chart = report.page_marks(data["marks"])
    engagements = report.engagements_by_id([m["engagement"] for m in listed])
    prefetch(texts_of(*engagements.values()))
    return render_template(
        "ladder/report.html",
        data=data,
        listed=listed,
        chart=chart,
        engagements=engagements,
        errors=errors,
        districts=list_districts(),
        args=request.args,
        tables=TABLES,
    )


@bp.get("/report.json")
def as_json():
    data, _errors = _report()
    return Response(
        json.dumps(data, ensure_ascii=False, indent=1, default=str),
        mimetype="application/json",
        headers={"Content-Disposition": "attachment; filename=city-report.json"},
    )


def _table(data: dict, name: str) -> tuple[list[str], list[list]]:
    if name == "engagements":
        head = ["engagement", "kind", "claimed", "evidenced", "reviewed"]
        return head, [
            [m[k if k != "engagement" else "engagement"] for k in head]
            for m in data["marks"]
        ]
    if name == "rungs":
        head = ["rung", "engagements", "money", "participants"]
        by_rung = data["distribution"]["by_rung"]
        return head, [[n, *(by_rung[n][k] for k in head[1:])] for n in sorted(by_rung)]
    if name == "districts":
        rates = data["reach"]["per_1000_by_district"]
        return ["district", "participants_per_1000"], [[d, r] for d, r in rates.items()]
    head = [
        "quarter",
        "engagements",
        "citizen_power_share",
        "over_claim_share",
        "mean_rung",
    ]
    return head, [[q, *(v[k] for k in head[1:])] for q, v in data["trend"].items()]


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
