"""The review calendar: a valid .ics with one repeating all-day series per KPI, read back with icalendar."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from kpi_logic.calendar_export import event_uid, review_calendar
from kpi_logic.review import DueReview

TODAY = date(2027, 3, 10)


def due(candidate_id: int, name: str, cadence: str | None, next_review: date | None) -> DueReview:
    overdue = next_review is not None and next_review < TODAY
    return DueReview(candidate_id, candidate_id, name, cadence, None, next_review, overdue)


def events(data: bytes) -> list:
    return Calendar.from_ical(data).walk("VEVENT")


def occurrences(event) -> list[date]:
    start = event.decoded("dtstart")
    rule = event["rrule"].to_ical().decode()
    return [day.date() for day in rrulestr(rule, dtstart=datetime.combine(start, datetime.min.time()))]


def test_one_series_per_kpi_with_its_next_review_and_name(workshop):
    items = [due(1, "Win rate", "monthly", date(2027, 4, 1)), due(2, "CAC", "quarterly", date(2027, 5, 15))]
    found = {str(e["summary"]): e for e in events(review_calendar(items, workshop, "de", TODAY))}
    assert set(found) == {"KPI-Review: Win rate", "KPI-Review: CAC"}
    assert found["KPI-Review: Win rate"].decoded("dtstart") == date(2027, 4, 1)
    assert found["KPI-Review: CAC"].decoded("dtend") == date(2027, 5, 16)


@pytest.mark.parametrize(
    "cadence,first,expected_days,count",
    [
        ("weekly", date(2027, 3, 15), [date(2027, 3, 15), date(2027, 3, 22), date(2027, 3, 29)], 52),
        ("monthly", date(2027, 3, 15), [date(2027, 3, 15), date(2027, 4, 15), date(2027, 5, 15)], 12),
        ("monthly", date(2028, 1, 31), [date(2028, 1, 31), date(2028, 2, 29), date(2028, 3, 31)], 12),
        ("quarterly", date(2027, 11, 30), [date(2027, 11, 30), date(2028, 2, 29), date(2028, 5, 31)], 4),
    ],
)
def test_series_repeat_by_cadence_for_a_year_and_clamp_to_month_end(workshop, cadence, first, expected_days, count):
    [event] = events(review_calendar([due(1, "KPI", cadence, first)], workshop, "en", TODAY))
    days = occurrences(event)
    assert days[:3] == expected_days
    assert len(days) == count


def test_overdue_review_starts_today_and_kpis_without_cadence_are_left_out(workshop):
    items = [due(1, "Late", "monthly", date(2027, 2, 1)), due(2, "Custom", None, None)]
    [event] = events(review_calendar(items, workshop, "en", TODAY))
    assert str(event["summary"]) == "KPI review: Late"
    assert event.decoded("dtstart") == TODAY


def test_uid_stays_the_same_across_downloads_and_hides_the_share_token(workshop):
    first = events(review_calendar([due(7, "A", "weekly", date(2027, 3, 12))], workshop, "en", TODAY))
    later = events(review_calendar([due(7, "A", "weekly", date(2027, 3, 19))], workshop, "de", date(2027, 3, 18)))
    assert str(first[0]["uid"]) == str(later[0]["uid"]) == event_uid(workshop, 7)
    assert workshop.share_token not in str(first[0]["uid"])
    assert event_uid(workshop, 7) != event_uid(workshop, 8)


def test_user_text_is_escaped_in_the_file(workshop):
    data = review_calendar([due(1, "Leads; Deals, <b>x</b>\nEND:VCALENDAR", "monthly", date(2027, 4, 1))],
                           workshop, "en", TODAY)
    [event] = events(data)
    assert str(event["summary"]) == "KPI review: Leads; Deals, <b>x</b>\nEND:VCALENDAR"
    assert data.split(b"\r\n").count(b"END:VCALENDAR") == 1
