"""Residents' forms (reports, survey answers, ballots, proposals) posted with arbitrary
text, numbers, lists and files in any of their fields: never a server error, and a
refused post stores nothing."""

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from participation.extensions import db as _db
from tests.budgeting.conftest import put_on_ballot
from tests.conftest import PASSWORD, FormClient, count_rows, make_app
from tests.consultations.test_views import survey_form
from tests.issues.test_views import new_report_form

# Numbers as people (and scripts) type them, at and past every limit.
NUMBERS = st.sampled_from(
    [
        "0",
        "-1",
        "1e308",
        "-1e308",
        "nan",
        "inf",
        "-Infinity",
        "2147483647",
        "2147483648",
        "-2147483649",
        "9" * 40,
        "0x10",
        "1_000",
        "١٢",  # Arabic-Indic digits
        "",
        " ",
    ]
)
TEXT = st.text(max_size=300) | st.text(min_size=5000, max_size=6000, alphabet="ab ")
VALUE = NUMBERS | TEXT | st.integers().map(str) | st.floats().map(repr)
FIELD_VALUE = VALUE | st.lists(VALUE, min_size=2, max_size=4)
FILE = st.tuples(st.binary(max_size=2000), st.text(max_size=40))
FUZZ = settings(max_examples=40, derandomize=True, database=None, deadline=None)


@pytest.fixture
def resident(app, make_user):
    """A signed-in resident on an app without rate limits (the limits are tested on
    their own; here they would only cut the examples short)."""
    served = make_app(
        app.config["SQLALCHEMY_DATABASE_URI"],
        app.instance_path,
        RATELIMIT_ENABLED=False,
    )
    client = FormClient(served.test_client())
    user = make_user()
    signed_in = client.post_form("/signin", {"email": user.email, "password": PASSWORD})
    assert signed_in.status_code == 302
    client.token = client.csrf_token()
    yield client
    with served.app_context():
        _db.engine.dispose()


# Caches a page fills on first view (a refused post shows the page again).
DERIVED = {"ladder_assessment"}


def row_counts() -> dict[str, int]:
    _db.session.rollback()
    return count_rows(
        _db.session,
        (t for t in _db.metadata.sorted_tables if t.name not in DERIVED),
    )


def fuzz(client, url: str, valid: dict, file_field: str | None = None):
    """Post `valid` with some fields dropped or replaced by arbitrary values."""
    fields = sorted(valid) + ([file_field] if file_field else [])

    @FUZZ
    @given(
        changes=st.dictionaries(st.sampled_from(fields), FIELD_VALUE | st.none()),
        upload=st.none() | FILE,
    )
    def post(changes, upload):
        data = {"csrf_token": client.token, **valid}
        for name, value in changes.items():
            if value is None:
                data.pop(name, None)
            elif name != file_field:
                data[name] = value
        if file_field and upload is not None:
            content, filename = upload
            data[file_field] = (io.BytesIO(content), filename or "photo.jpg")
        before = row_counts()
        response = client.post(url, data=data, content_type="multipart/form-data")
        assert response.status_code < 500, (changes, response.status_code)
        if response.status_code != 302:
            after = row_counts()
            changed = {n: (before[n], after[n]) for n in after if after[n] != before[n]}
            assert not changed, (changes, response.status_code)

    post()


def test_report_form(resident, square_city, make_category):
    category = make_category()
    fuzz(resident, "/reports/new", new_report_form(category), "photo")


def test_survey_answers(resident, make_consultation):
    consultation = make_consultation()
    fuzz(
        resident,
        f"/consultations/{consultation.id}/respond",
        survey_form(consultation),
    )


@pytest.mark.parametrize("vote_type", ["approval", "ordinal", "cumulative"])
def test_ballot(resident, db, make_process, vote_type):
    process = make_process("voting", vote_type=vote_type, max_points=5)
    budget = process.budgets[0]
    one, two = put_on_ballot(db, budget, 10_000, 20_000)
    valid = {"project": [str(one.id), str(two.id)]}
    if vote_type == "ordinal":
        valid = {f"rank-{one.id}": "1", f"rank-{two.id}": "2"}
    elif vote_type == "cumulative":
        valid = {f"points-{one.id}": "3", f"points-{two.id}": "1"}
    fuzz(resident, f"/budgets/{process.id}/vote/{budget.id}", valid)


def test_proposal_form(resident, square_city, make_process):
    process = make_process("ideas")
    valid = {
        "budget_id": str(process.budgets[0].id),
        "title": "A bench by the river",
        "description": "Somewhere to sit.",
        "cost": "4000",
        "lat": "52.84",
        "lon": "-7.40",
        "language": "en",
        "show_name": "y",
    }
    fuzz(resident, f"/budgets/{process.id}/propose", valid, "photo")
