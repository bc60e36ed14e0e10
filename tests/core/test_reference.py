"""Each process keeps a copy of the reference data, and never serves it stale for long."""

from sqlalchemy import text

from participation.core import places, reference, services
from participation.core.models import District
from participation.issues import services as issues


def test_a_change_committed_here_shows_at_once(app, db, square_city, make_category):
    assert services.get_city().name == "Riverford"
    square_city.name = "Riverford-on-Aven"
    db.session.commit()
    assert services.get_city().name == "Riverford-on-Aven"

    lamp = make_category()
    assert lamp.id in issues.active_category_ids()
    lamp.active = False
    db.session.commit()
    assert lamp.id not in issues.active_category_ids()


def test_a_bulk_statement_counts_as_a_change(app, db, square_city):
    west_id = places.district_at(52.84, -7.42)
    assert west_id is not None
    from sqlalchemy import delete

    db.session.execute(delete(District).where(District.id == west_id))
    db.session.commit()
    assert places.district_at(52.84, -7.42) is None


def test_a_change_made_by_another_process_shows_after_the_ttl(
    app, db, square_city, monkeypatch
):
    assert services.get_city().name == "Riverford"
    # Another process writes: this one's session and events never see it.
    with db.engine.begin() as other:
        other.execute(text("UPDATE city SET name = 'Elsewhere'"))
    assert services.get_city().name == "Riverford"
    db.session.rollback()  # as each request ends its own transaction
    assert services.get_city().name == "Riverford"
    later = reference.monotonic() + app.config["REFERENCE_TTL"] + 1
    monkeypatch.setattr(reference, "monotonic", lambda: later)
    assert services.get_city().name == "Elsewhere"


def test_a_copy_read_inside_a_rolled_back_transaction_is_dropped(app, db, square_city):
    square_city.name = "Not for long"
    db.session.flush()
    assert services.get_city().name == "Not for long"
    db.session.rollback()
    assert services.get_city().name == "Riverford"
