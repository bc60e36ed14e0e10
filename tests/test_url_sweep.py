"""Every route of the URL map, as every role, with ids and parameters at and past the
integer limits and other absurd values: never a server error.

Built from the URL map and from the parameters each view reads (recorded while it
answers), so a route or a parameter added tomorrow is swept the day it is added.
"""

import logging
import re

import pytest

from participation.params import DB_INT_MAX
from tests import url_map

ROLES = ["anonymous", "resident", "planner", "evaluator", "admin"]

# In a path: at and past PostgreSQL's integer, SQLite's integer, and far beyond.
PATH_INTEGERS = [0, DB_INT_MAX, DB_INT_MAX + 1, 2**63, 10**30]
PATH_TEXTS = ["x", "2147483648", "9" * 40, "%00", "é" * 300]
# In a query string or a form: numbers at the limits, non-finite numbers, dates out of
# range, a NUL (PostgreSQL refuses it in text), long and odd text.
VALUES = [
    "-1",
    str(DB_INT_MAX),
    str(DB_INT_MAX + 1),
    str(2**63),
    "9" * 40,
    "nan",
    "1e308",
    "9999-12-31T23:59:59Z",
    "x\x00y",
    "ü" * 3000,
]


# <int:report_id>, <any(xml, json):fmt>, <token>: the argument's name is group 1.
PLACEHOLDER = re.compile(r"<(?:[^<>:]*:)?(\w+)>")


class ServerErrors:
    """What answered 5xx, with the logged error that explains it."""

    def __init__(self, caplog):
        self.caplog = caplog
        self.found: list[str] = []

    def check(self, response, what: str) -> None:
        if response.status_code >= 500:
            logged = [repr(r.exc_info[1]) for r in self.caplog.records if r.exc_info]
            self.found.append(f"{what} -> {response.status_code} {logged[-1:]}")
        self.caplog.clear()


@pytest.fixture
def sweeper(server, client, objects, login_as, caplog):
    server.request_class = url_map.RecordingRequest
    caplog.set_level(logging.ERROR)
    return ServerErrors(caplog)


def _path_variants(rule, objects):
    """The rule's URL with real arguments, then with each argument made absurd."""
    real = url_map.real_arguments(rule, objects)
    yield real
    for name in url_map.integer_arguments(rule):
        for value in PATH_INTEGERS:
            yield {**real, name: value}
    for name in url_map.text_arguments(rule):
        for value in PATH_TEXTS:
            yield {**real, name: value}


def _build(rule, arguments) -> str:
    # Values past a converter's range cannot be built by url_for: fill the rule's
    # placeholders by hand, as a client typing an address would.
    return PLACEHOLDER.sub(lambda m: str(arguments[m.group(1)]), rule.rule)


@pytest.mark.parametrize("role", ROLES)
def test_no_get_route_answers_a_server_error(
    sweeper, server, client, objects, login_as, role
):
    if role != "anonymous":
        login_as(role)
    swept = 0
    for rule in url_map.rules(server, "GET"):
        for arguments in _path_variants(rule, objects):
            url = _build(rule, arguments)
            url_map.ReadParameters.names = set()
            sweeper.check(client.get(url), f"GET {url}")
            swept += 1
            if arguments != url_map.real_arguments(rule, objects):
                continue
            for name in sorted(url_map.ReadParameters.names):
                for value in VALUES:
                    response = client.get(url, query_string={name: value})
                    sweeper.check(response, f"GET {url}?{name}={value[:40]!r}")
                    swept += 1
    assert swept > 1000
    assert not sweeper.found, "\n".join(sweeper.found)


# Last: these end the session the sweep runs in.
ENDING = ("auth.signout", "auth.delete")
FORM_VALUES = [
    str(DB_INT_MAX + 1),
    str(2**63),
    "9" * 40,
    "nan",
    "-1e308",
    "9999-12-31T23:59",
    "ü" * 3000,
]


def test_no_post_route_answers_a_server_error(
    sweeper, server, client, objects, login_as
):
    """As an administrator (whom every view lets in), every POST route with absurd ids,
    then with each absurd value in every form field its view reads (a form checks all
    its fields at once, so one post per value reaches each of them)."""
    login_as("admin")
    token = client.csrf_token()
    posts = sorted(
        url_map.rules(server, "POST"), key=lambda rule: rule.endpoint in ENDING
    )
    swept = 0
    for rule in posts:
        for arguments in _path_variants(rule, objects):
            url = _build(rule, arguments)
            url_map.ReadParameters.names = set()
            response = client.post(url, data={"csrf_token": token})
            sweeper.check(response, f"POST {url}")
            swept += 1
            if arguments != url_map.real_arguments(rule, objects):
                continue
            fields = sorted(url_map.ReadParameters.names - {"csrf_token"})
            for value in FORM_VALUES if fields else ():
                data = {"csrf_token": token, **dict.fromkeys(fields, value)}
                response = client.post(url, data=data)
                sweeper.check(response, f"POST {url} {fields}={value[:40]!r}")
                swept += 1
    assert swept > 500
    assert not sweeper.found, "\n".join(sweeper.found)
