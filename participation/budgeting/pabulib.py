"""The Pabulib `.pb` format (pabulib.org): read and write participatory-budgeting
instances. Pure: no Flask, no database.

A file has three sections, each opened by a header line: META (key;value), PROJECTS
(project_id;cost;… with a column header) and VOTES (voter_id;vote;…). Fields are
separated by ";" with CSV quoting; the file is UTF-8 and may start with a byte-order
mark.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

SECTIONS = ("META", "PROJECTS", "VOTES")


class PabulibError(ValueError):
    """The text is not a valid Pabulib instance (the message says where and why)."""


@dataclass
class Project:
    id: str
    cost: int
    fields: dict[str, str] = field(default_factory=dict)  # every column, as written

    def number(self, column: str) -> float | None:
        """A numeric column (votes, score, selected …), None when absent or empty."""
        value = self.fields.get(column, "").strip()
        return float(value) if value else None


@dataclass
class Vote:
    voter_id: str
    projects: tuple[str, ...]  # in the ballot's order (ordinal: most preferred first)
    points: tuple[float, ...] | None = None  # cumulative and scoring ballots
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class Instance:
    meta: dict[str, str]
    projects: dict[str, Project]  # in file order
    votes: list[Vote]
    project_columns: list[str] = field(default_factory=list)
    vote_columns: list[str] = field(default_factory=list)

    @property
    def budget(self) -> float:
        return float(self.meta["budget"])

    @property
    def vote_type(self) -> str:
        return self.meta.get("vote_type", "approval")


def _rows(text: str) -> Iterable[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text), delimiter=";", quotechar='"')
    yield from enumerate(reader, 1)


def _is_header(row: list[str], name: str) -> bool:
    # Some files pad the header line with empty fields ("PROJECTS;;;").
    return bool(row) and row[0].strip() == name and not any(c.strip() for c in row[1:])


def _number(text: str, what: str, line: int) -> float:
    try:
        return float(text)
    except ValueError:
        raise PabulibError(f"line {line}: {what} {text!r} is not a number") from None


def parse(text: str) -> Instance:
    """Read the text of a `.pb` file."""
    text = text.lstrip("\ufeff")
    section = None
    columns: list[str] = []
    meta: dict[str, str] = {}
    projects: dict[str, Project] = {}
    votes: list[Vote] = []
    project_columns: list[str] = []
    vote_columns: list[str] = []
    for line, row in _rows(text):
        if not row or not any(cell.strip() for cell in row):
            continue
        header = next((name for name in SECTIONS if _is_header(row, name)), None)
        if header:
            section, columns = header, []
            continue
        if section is None:
            raise PabulibError(f"line {line}: expected a META, PROJECTS or VOTES line")
        if not columns:
            columns = [c.strip() for c in row]
            if section == "PROJECTS":
                project_columns = columns
                for required in ("project_id", "cost"):
                    if required not in columns:
                        raise PabulibError(f"line {line}: PROJECTS lacks {required}")
            elif section == "VOTES":
                vote_columns = columns
                for required in ("voter_id", "vote"):
                    if required not in columns:
                        raise PabulibError(f"line {line}: VOTES lacks {required}")
            continue
        values = dict(zip(columns, (cell.strip() for cell in row), strict=False))
        if section == "META":
            meta[row[0].strip()] = ";".join(row[1:]).strip()
        elif section == "PROJECTS":
            cost = _number(values.get("cost", ""), "cost", line)
            project = Project(values["project_id"], int(cost), values)
            if project.id in projects:
                raise PabulibError(f"line {line}: project {project.id} appears twice")
            projects[project.id] = project
        else:
            ids = tuple(
                p.strip() for p in values.get("vote", "").split(",") if p.strip()
            )
            points = None
            if values.get("points", "").strip():
                points = tuple(
                    _number(p, "points", line) for p in values["points"].split(",")
                )
                if len(points) != len(ids):
                    raise PabulibError(f"line {line}: points do not match the vote")
            unknown = [p for p in ids if p not in projects]
            if unknown:
                raise PabulibError(f"line {line}: unknown project {unknown[0]}")
            votes.append(Vote(values["voter_id"], ids, points, values))
    for key in ("budget",):
        if key not in meta:
            raise PabulibError(f"META lacks {key}")
    _number(meta["budget"], "budget", 0)
    return Instance(meta, projects, votes, project_columns, vote_columns)


def read(path: str | Path) -> Instance:
    """Read a `.pb` file."""
    return parse(Path(path).read_text(encoding="utf-8-sig"))


def dump(instance: Instance) -> str:
    """The text of a `.pb` file for this instance (readable by parse and by Pabulib's
    tools)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(["META"])
    writer.writerow(["key", "value"])
    for key, value in instance.meta.items():
        writer.writerow([key, value])
    writer.writerow(["PROJECTS"])
    columns = instance.project_columns or ["project_id", "cost"]
    writer.writerow(columns)
    for project in instance.projects.values():
        values = {**project.fields, "project_id": project.id, "cost": str(project.cost)}
        writer.writerow([values.get(c, "") for c in columns])
    writer.writerow(["VOTES"])
    columns = instance.vote_columns or (
        ["voter_id", "vote", "points"]
        if any(v.points for v in instance.votes)
        else ["voter_id", "vote"]
    )
    writer.writerow(columns)
    for vote in instance.votes:
        values = {
            **vote.fields,
            "voter_id": vote.voter_id,
            "vote": ",".join(vote.projects),
        }
        if vote.points is not None:
            values["points"] = ",".join(_plain(p) for p in vote.points)
        writer.writerow([values.get(c, "") for c in columns])
    return buffer.getvalue()


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)
