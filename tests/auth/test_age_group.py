"""The age group a resident may give, only with consent, for the city report's
breakdowns: validated, kept out without consent, exported, removable, and counted in
the report only all together."""

import pytest

from participation.auth.account_data import export_account
from participation.ladder import report


def test_an_age_group_needs_consent_and_loses_nothing_on_error(client, db, login_as):
    user = login_as()
    response = client.post_form(
        "/account/age", {"age-age_group": "30_44", "age-consent": ""}
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Tick the box to let the report count your age group." in html
    db.session.expire_all()
    assert user.age_group is None and user.age_group_consented_at is None

    response = client.post_form(
        "/account/age", {"age-age_group": "30_44", "age-consent": "y"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert user.age_group == "30_44" and user.age_group_consented_at is not None
    page = client.get("/account").get_data(as_text=True)
    assert '<option selected value="30_44">30 to 44</option>' in page

    # A group that is not on the list: refused, the stored one kept.
    response = client.post_form(
        "/account/age", {"age-age_group": "101", "age-consent": "y"}
    )
    assert response.status_code == 400
    db.session.expire_all()
    assert user.age_group == "30_44"

    # "I'd rather not say" removes it, consent or not.
    response = client.post_form("/account/age", {"age-age_group": ""})
    assert response.status_code == 302
    db.session.expire_all()
    assert user.age_group is None and user.age_group_consented_at is None


def test_the_form_is_in_the_residents_language(client, login_as):
    login_as()
    response = client.post_form(
        "/account/age",
        {"age-age_group": "18_29"},
        headers={"Accept-Language": "es"},
    )
    assert response.status_code == 400
    assert "Tu grupo de edad" in response.get_data(as_text=True)


def test_the_age_group_is_exported(db, make_user):
    from participation.auth.services import describe_age

    user = make_user()
    describe_age(user, "65_plus", consent=True)
    exported = export_account(user)["account"]
    assert exported["age_group"] == "65_plus"
    assert exported["age_group_consented_at"]


@pytest.fixture
def voters(db, make_consultation, make_user):
    """A consultation answered by 25 residents: 14 aged 18–29, 9 aged 30–44, 2 who
    gave no age group."""
    from participation.auth.services import describe_age
    from participation.consultations.survey_models import Response

    consultation = make_consultation()
    for n in range(25):
        user = make_user()
        if n < 14:
            describe_age(user, "18_29", consent=True)
        elif n < 23:
            describe_age(user, "30_44", consent=True)
        db.session.add(Response(consultation_id=consultation.id, user_id=user.id))
    db.session.commit()
    return consultation


def test_the_report_counts_age_groups_all_together(client, db, voters):
    ages = report.city_report()["reach"]["age_groups"]
    assert ages["residents"] == 23
    assert ages["by_group"]["18_29"] == {"people": 14, "share": 14 / 23}
    # Nine people aged 30–44: fewer than ten, not shown (nor the empty groups).
    assert ages["by_group"]["30_44"] is None
    assert ages["by_group"]["under_18"] is None
    html = client.get("/report").get_data(as_text=True)
    assert "Who took part, by age group" in html
    csv_text = client.get("/report/age_groups.csv").get_data(as_text=True)
    assert csv_text.splitlines()[0] == "age_group,people,share"
