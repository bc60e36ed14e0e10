"""The app's routes as tests see them: every rule of the URL map with real arguments,
and a request class that records which parameters a view reads.

Tests built on this cover a route the day it is added: nothing here lists routes.
"""

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import AnyConverter, IntegerConverter

SKIPPED_ENDPOINTS = {"static"}
METHODS = ("GET", "POST")


def rules(app, method: str | None = None):
    """Every rule of the app (static files aside), optionally only those answering
    `method`."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIPPED_ENDPOINTS:
            continue
        if method is None or method in rule.methods:
            yield rule


def route_methods(rule) -> list[str]:
    """The methods a rule answers that tests exercise (HEAD and OPTIONS come free)."""
    return [m for m in METHODS if m in rule.methods]


def object_key(endpoint: str, argument: str) -> str:
    """Which of the `objects` fixture's ids an argument of an endpoint names: ids are
    named by their table, except where two blueprints share an argument name."""
    blueprint = endpoint.split(".")[0]
    name = argument.removesuffix("_id")
    if blueprint.startswith("projects") and name in ("question", "milestone"):
        return f"project_{name}"
    return name


# Real values of the arguments that are not ids.
TEXT_ARGUMENTS = {
    ("projects.follow", "target"): "project",
    ("projects.unfollow", "target"): "project",
    ("ladder.record", "key"): "agreement",
    ("ladder.remove", "key"): "agreement",
    ("city_report.as_csv", "name"): "engagements",
    ("open311.service_definition", "service_code"): "streetlight",
    ("places.theme_page", "theme"): "mobility",
    ("notify.unsubscribe", "token"): "any-token",
    ("auth.confirm", "token"): "any-token",
    ("auth.reset_password", "token"): "any-token",
    ("auth.confirm_email_change", "token"): "any-token",
    ("by_email.publish", "token"): "not-a-token",
    ("open311.token_detail", "token"): "no-such-token",
    ("open311.unknown", "path"): "nowhere",
}


def real_arguments(rule, objects: dict) -> dict:
    """Arguments that build a URL of this rule naming objects that exist."""
    values = {}
    for argument, converter in rule._converters.items():
        if isinstance(converter, IntegerConverter):
            values[argument] = objects[object_key(rule.endpoint, argument)]
        elif isinstance(converter, AnyConverter):
            values[argument] = sorted(converter.items)[0]
        elif (rule.endpoint, argument) in TEXT_ARGUMENTS:
            values[argument] = TEXT_ARGUMENTS[(rule.endpoint, argument)]
        elif argument == "key" and values.get("target") == "project":
            values[argument] = objects["project"]
        elif argument == "request_id":
            values[argument] = objects["report"]
        else:
            raise KeyError(
                f"{rule.endpoint}: no real value for <{argument}>; add one to "
                "tests/url_map.py"
            )
    # follow/unfollow name a project by its id in <key>.
    if values.get("target") == "project" and "key" in values:
        values["key"] = objects["project"]
    return values


def integer_arguments(rule) -> list[str]:
    return [
        name
        for name, converter in rule._converters.items()
        if isinstance(converter, IntegerConverter)
    ]


def text_arguments(rule) -> list[str]:
    return [
        name
        for name, converter in rule._converters.items()
        if not isinstance(converter, IntegerConverter | AnyConverter)
    ]


class ReadParameters:
    """The names of the query and form parameters views read, request after request."""

    names: set[str] = set()


class _RecordingDict(ImmutableMultiDict):
    def __getitem__(self, key):
        ReadParameters.names.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None, type=None):
        ReadParameters.names.add(key)
        return super().get(key, default, type)

    def getlist(self, key, type=None):
        ReadParameters.names.add(key)
        return super().getlist(key, type)

    def __contains__(self, key):
        ReadParameters.names.add(key)
        return super().__contains__(key)


class RecordingRequest(Request):
    """A request whose query and form parameters record the names views read."""

    parameter_storage_class = _RecordingDict
