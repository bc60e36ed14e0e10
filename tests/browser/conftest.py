"""Browser fixtures: the app served on 127.0.0.1, Debian's Chromium through Playwright,
and an axe-core check for every page a test visits."""

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import make_url

from participation.extensions import db as _db
from tests.conftest import IN_CI, wipe
from tests.live import Served

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
TIMEOUT_MS = 10_000
BLOCKING_IMPACTS = ("serious", "critical")
HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE.parents[1] / "test-artifacts"


def pytest_collection_modifyitems(items):
    # Every test in this folder drives the browser, whether or not its module says so.
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@dataclass
class LiveServer:
    """The application served over HTTP: its base URL and the app (for set-up in tests)."""

    url: str
    app: Flask


@pytest.fixture(scope="session")
def served(migrated, tmp_path_factory):
    """The app on a free port of 127.0.0.1, in threads, on the shared test database:
    built and started once for every browser test (tests/live.py)."""
    served = Served(migrated, tmp_path_factory.mktemp("served"))
    yield served
    served.stop()


@pytest.fixture
def live_server(served, tmp_path):
    """The served app as if new: its configuration, its own instance folder, empty
    rate counters; the database wiped once its last request is answered.

    The database is a SQLite file or PostgreSQL, so the server's threads and the test
    see the same rows.
    """
    served.fresh(tmp_path / "instance")
    try:
        yield LiveServer(url=served.url, app=served.app)
    finally:
        try:
            served.idle()
        finally:
            with served.app.app_context():
                _db.session.remove()
                wipe(_db.engine)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless; skips (fails under CI) when it is not installed."""
    if not os.path.exists(CHROMIUM):
        reason = f"{CHROMIUM} is not installed (Debian package: chromium)"
        if IN_CI:
            pytest.fail(f"{reason}; CI must run the browser tests")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    # Lets the page fixture know whether the test failed (to keep a screenshot).
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def page(browser, request, database_url):
    """A fresh context (cookies, storage) per test, in English like a default browser.

    On failure the page's screenshot and HTML are kept in test-artifacts/, named by
    the database too (scripts/test.sh runs the SQLite and PostgreSQL passes at once).
    """
    context = browser.new_context(
        locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed and not page.is_closed():
        ARTIFACTS.mkdir(exist_ok=True)
        backend = make_url(database_url).get_backend_name()
        stem = ARTIFACTS / f"{backend}-{request.node.name.replace('/', '_')}"
        try:
            page.screenshot(path=f"{stem}.png", full_page=True)
            Path(f"{stem}.html").write_text(page.content(), encoding="utf-8")
        except Exception as error:  # a broken page must not hide the real failure
            print(f"could not save the failed page: {error}")
    context.close()


def serious_violations(results: dict) -> list[str]:
    """One line per serious or critical axe violation: rule, help, target selectors."""
    lines = []
    for violation in results["violations"]:
        if violation.get("impact") not in BLOCKING_IMPACTS:
            continue
        targets = [
            " ".join(str(part) for part in node.get("target", []))
            for node in violation.get("nodes", [])
        ]
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']}"
            f" -> {', '.join(targets)}"
        )
    return lines


def assert_accessible(page) -> None:
    """Run axe-core on the page; fail listing every serious or critical violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    problems = serious_violations(results.response)
    assert not problems, f"accessibility violations on {page.url}:\n" + "\n".join(
        problems
    )


@pytest.fixture
def live_mail(live_server, smtp_server):
    """The served app sending through the test SMTP server (its inbox emptied), its
    links built on the served URL so that they work when the browser follows them."""
    smtp_server.inbox.clear()
    live_server.app.config.update(smtp_server.config())
    live_server.app.config["PUBLIC_URL"] = live_server.url
    return smtp_server


def send_outbox(live_server) -> None:
    """Send what the served app queued (as `flask outbox send` would)."""
    from participation.notify.outbox import send_pending

    with live_server.app.app_context():
        send_pending()


def choose_language(page, url: str, code: str) -> None:
    """Pick a language with the switcher (it stays with the browser)."""
    from playwright.sync_api import expect

    page.goto(url + "/")
    page.locator("#language-select").select_option(code)
    page.locator(".language-switcher button").click()
    expect(page.locator("html")).to_have_attribute("lang", code)
