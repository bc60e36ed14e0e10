"""No page scrolls sideways on a 390 px phone, in English and in Arabic.

Every HTML page of the URL map, in the demo city (real content: long titles, results,
the ladder, queues): the public pages as a visitor, then every page as an
administrator (whom every view lets in, with the staff controls on public pages).
Built from the URL map, so a page added tomorrow is measured the day it is added.
"""

import pytest

from tests import url_map
from tests.test_url_sweep import _build

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# Routes that answer something other than a page: the API, Open311, files and feeds.
NOT_PAGES_PREFIXES = ("/api/", "/open311/")
NOT_PAGES_ENDPOINTS = {"auth.export"}
# Pages no rule names with real arguments: the error page.
EXTRA_PAGES = ["/nowhere"]
# How a role's argument names are stored: object_key's names, by table.
TABLES = {
    "process": "budget_process",
    "update": "project_update",
    "question": "consultation_question",
    "translation": "content_translation",
    "section": "consultation_section",
    "comment": "consultation_comment",
}


def is_page(rule) -> bool:
    last = rule.rule.rsplit("/", 1)[-1]
    return not (
        rule.rule.startswith(NOT_PAGES_PREFIXES)
        or rule.endpoint in NOT_PAGES_ENDPOINTS
        or "." in last  # .json, .csv, .atom, .jpg, .pb, .<fmt>
    )


def build_demo() -> dict:
    """The demo city, with one machine translation waiting for review (the demo has
    none, and its review page is a page too)."""
    from participation.demo import load_demo
    from participation.extensions import db
    from participation.i18n.models import ContentTranslation

    accounts = load_demo()
    db.session.add(
        ContentTranslation(
            text_hash="0" * 64,
            source="en",
            target="ar",
            original="Benches along the river walk",
            translated="مقاعد على طول ممشى النهر",
            status="done",
        )
    )
    db.session.commit()
    admin = next(account for account in accounts if account.role == "admin")
    return {"email": admin.email, "password": admin.password}


def add_wide_content() -> None:
    """What the demo lacks and phones choke on: an update with a photo wider than the
    screen, a long address and a Markdown table (the photo is written in this test's
    instance folder, which the served app shares)."""
    import io

    import sqlalchemy as sa
    from PIL import Image

    from participation.core.photos import store_photo
    from participation.extensions import db
    from participation.projects.models import ProjectUpdate

    photo = io.BytesIO()
    Image.new("RGB", (1200, 800), "#3a7").save(photo, "JPEG")
    update = db.session.scalars(
        sa.select(ProjectUpdate).order_by(ProjectUpdate.id)
    ).first()
    update.image = store_photo(photo.getvalue())
    update.image_alt = "The river walk"
    update.body += (
        "\n\nThe plans: https://example.org/riverford/planning/applications/"
        "2026/river-walk-benches-and-lighting-final-drawings-revision-c.pdf\n\n"
        "| Week | Street | Work | Diversion | Contact |\n|---|---|---|---|---|\n"
        "| 12 | Quay Street | Resurfacing | Mill Lane | roads@riverford.example |\n"
    )
    db.session.commit()


@pytest.fixture
def demo_pages(app, make_user, worlds):
    """The demo city's rows (built once per run), the administrator's account, and
    the pages: each rule with the first object of each kind it names, and every
    page, each rule with the first and with the last (a budget with one of its
    proposals)."""
    import sqlalchemy as sa

    from participation.budgeting.models import Budget, Proposal
    from participation.extensions import db

    admin = worlds.rows("narrow_demo", build_demo, make_user)
    add_wide_content()
    firsts, lasts = {}, {}
    for table in db.metadata.sorted_tables:
        if "id" in table.c:
            ids = list(db.session.scalars(sa.select(table.c.id).order_by(table.c.id)))
            if ids:
                firsts[table.name], lasts[table.name] = ids[0], ids[-1]
    samples = []
    for chosen, order in ((firsts, Budget.id), (lasts, Budget.id.desc())):
        budget = db.session.scalars(sa.select(Budget).order_by(order)).first()
        proposal = db.session.scalar(
            sa.select(Proposal.id).filter_by(budget_id=budget.id).order_by(Proposal.id)
        )
        objects = {key: chosen.get(table) for key, table in TABLES.items()}
        samples.append(
            {**chosen, **objects, "process": budget.process_id, "budget": budget.id}
            | ({"proposal": proposal} if proposal else {})
        )
    first, every = [], []
    for rule in url_map.rules(app, "GET"):
        if not is_page(rule):
            continue
        for objects in samples:
            path = _build(rule, url_map.real_arguments(rule, objects))
            if path not in every:
                every.append(path)
            if objects is samples[0]:
                first.append(path)
    return admin, first + EXTRA_PAGES, every + EXTRA_PAGES


MEASURE = """() => ({
    width: document.documentElement.scrollWidth,
    lang: document.documentElement.lang,
})"""


def too_wide(page, base: str, paths: list[str], locale: str, public_only: bool):
    """Each page wider than the phone: 'width path (where it ended)'."""
    found = []
    for path in paths:
        response = page.goto(base + path)
        landed = page.url.removeprefix(base)
        if public_only and (
            landed.startswith("/signin") or response.status in (401, 403)
        ):
            continue  # a signed-in page: measured in the administrator's pass
        measured = page.evaluate(MEASURE)
        assert measured["lang"] == locale, f"{path} is not in {locale}"
        if measured["width"] > PHONE["width"]:
            where = "" if landed == path else f" (-> {landed})"
            found.append(f"{measured['width']} px  {path}{where}")
    return found


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_no_page_scrolls_sideways_on_a_phone(live_server, browser, demo_pages, locale):
    # A visitor sees each public page once; the administrator every page, with the
    # staff controls (the pages a visitor is sent away from are measured there).
    admin, first, every = demo_pages
    offenders = []
    for role, paths in (("visitor", first), ("admin", every)):
        context = browser.new_context(locale=locale, viewport=PHONE)
        try:
            page = context.new_page()
            if role == "admin":
                page.goto(live_server.url + "/signin")
                page.locator("#email").fill(admin["email"])
                page.locator("#password").fill(admin["password"])
                page.locator("main form button[type=submit]").click()
                page.wait_for_url(lambda url: "/signin" not in url)
            offenders += [
                f"{role}: {line}"
                for line in too_wide(
                    page, live_server.url, paths, locale, public_only=role != "admin"
                )
            ]
        finally:
            context.close()
    assert not offenders, (
        f"pages wider than {PHONE['width']} px in {locale}:\n" + "\n".join(offenders)
    )
