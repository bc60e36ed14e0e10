"""The pure parsing of GET requests filters."""

from datetime import UTC, datetime, timedelta

import pytest

from participation.errors import Invalid
from participation.open311.queries import DEFAULT_WINDOW, MAX_RESULTS, parse

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def test_defaults():
    query = parse({}, "Europe/Madrid", NOW)
    assert (query.start, query.end) == (NOW - DEFAULT_WINDOW, NOW)
    assert (query.page, query.page_size) == (1, MAX_RESULTS)
    assert query.ids is query.service_codes is query.statuses is query.bbox is None


def test_one_end_of_the_window_sets_the_other():
    start = parse({"start_date": "2026-01-01T00:00:00Z"}, "UTC", NOW)
    assert start.end - start.start == timedelta(days=90)
    end = parse({"end_date": "2026-06-01T00:00:00+02:00"}, "UTC", NOW)
    assert end.end == datetime(2026, 5, 31, 22, tzinfo=UTC)
    assert end.end - end.start == timedelta(days=90)


def test_dates_without_offset_are_the_city_s_local_time():
    query = parse({"start_date": "2026-07-01T10:00:00"}, "Europe/Madrid", NOW)
    assert query.start == datetime(2026, 7, 1, 8, tzinfo=UTC)
    assert parse({"start_date": "2026-07-01"}, "UTC", NOW).start == datetime(
        2026, 7, 1, tzinfo=UTC
    )


def test_lists():
    query = parse(
        {
            "service_request_id": "3, 1,2",
            "service_code": "a,b,",
            "status": "closed",
            "bbox": "-7.4,52.8,-7.3,52.9",
            "page": "2",
            "page_size": "10",
        },
        "UTC",
        NOW,
    )
    assert query.ids == [3, 1, 2] and query.service_codes == ["a", "b"]
    assert query.statuses == {"closed"} and query.bbox == (-7.4, 52.8, -7.3, 52.9)
    assert (query.page, query.page_size) == (2, 10)


@pytest.mark.parametrize(
    "args",
    [
        {"bbox": "-7.3,52.8,-7.4,52.9"},  # west east of east
        {"bbox": "a,b,c,d"},
        {"page_size": "0"},
        {"page": "-1"},
        {"status": "open,fixed"},
        {"end_date": "2026-01-01T00:00:00Z", "start_date": "2026-01-02T00:00:00Z"},
    ],
)
def test_refused(args):
    with pytest.raises(Invalid) as caught:
        parse(args, "UTC", NOW)
    assert set(caught.value.errors) <= set(args) | {"end_date"}
