"""The review dates as an iCalendar (.ics) file for Outlook, Google or Apple Calendar.

One all-day event series per KPI: it starts on the KPI's next review (today when that is overdue) and
repeats by the cadence for the next 12 months (RRULE with COUNT, which every calendar program reads).
Monthly and quarterly series keep the start's day of the month; a start on the 29th–31st becomes a
month-end series (BYMONTHDAY=-1): calcurse ignores BYSETPOS and Outlook has no equivalent for it.
A review that falls on a weekend or a Swiss public holiday moves to the next working day (the one
before for a month end): the moved date is an EXDATE of the rule plus an RDATE.
The UID is derived from the workshop's share token and the KPI, so importing a newer file updates the
series instead of adding a second one, without putting the token itself into the file; SEQUENCE is
the series' start counted in days, so it rises whenever the series moves to a later start.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar, Event, vRecur, vText

from kpi_logic.text import cadence_label
from kpi_logic.i18n import t
from kpi_logic.review import (
    MONTHS_PER_CADENCE,
    SHORTEST_MONTH,
    WEEKLY,
    DueReview,
    add_months,
    month_end,
    series_start,
)
from kpi_logic.records import Workshop
from kpi_logic.workdays import nearest_workday

PRODID = "-//KPI Workshop//Review calendar//EN"
# Occurrences that cover the next 12 months.
COUNT_PER_YEAR: dict[str, int] = {WEEKLY: 52, **{c: 12 // m for c, m in MONTHS_PER_CADENCE.items()}}
SEQUENCE_EPOCH = date(2026, 1, 1)
WEEK = timedelta(days=7)


def _rule(cadence: str, start: date) -> vRecur:
    """The repetition of one KPI's reviews."""
    if cadence == WEEKLY:
        return vRecur(freq="WEEKLY", count=COUNT_PER_YEAR[WEEKLY])
    rule = vRecur(freq="MONTHLY", interval=MONTHS_PER_CADENCE[cadence], count=COUNT_PER_YEAR[cadence])
    if start.day > SHORTEST_MONTH:
        rule["bymonthday"] = -1
    return rule


def rule_dates(cadence: str, start: date) -> list[date]:
    """The dates the RRULE gives, before any is moved off a weekend or holiday."""
    count = COUNT_PER_YEAR[cadence]
    if cadence == WEEKLY:
        return [start + WEEK * index for index in range(count)]
    months = MONTHS_PER_CADENCE[cadence]
    at_month_end = start.day > SHORTEST_MONTH
    dates = [add_months(start, months * index) for index in range(count)]
    return [month_end(day) for day in dates] if at_month_end else dates


def review_dates(cadence: str, first: date) -> list[date]:
    """The review dates of a series starting at `first`, each on a working day."""
    start = series_start(cadence, first)
    keep_month = cadence != WEEKLY and start.day > SHORTEST_MONTH
    return [nearest_workday(day, keep_month) for day in rule_dates(cadence, start)]


def event_uid(workshop: Workshop, candidate_id: int) -> str:
    """A UID that stays the same for a workshop's KPI across downloads, and reveals no secret."""
    digest = hashlib.sha256(f"{workshop.share_token}:{candidate_id}".encode()).hexdigest()[:24]
    return f"kpi-review-{digest}@kpi-workshop"


def sequence(start: date) -> int:
    """The series' revision: later starts (an overdue series moved to today) give a higher number."""
    return max(0, (start - SEQUENCE_EPOCH).days)


def review_calendar(
    due: Sequence[DueReview], workshop: Workshop, language: str, today: date,
    now: datetime | None = None,
) -> bytes:
    """The .ics file: one event series per KPI with a cadence, summary "KPI-Review: <name>"."""
    stamp = now or datetime.now(timezone.utc)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    name = t(language, "review.calendar.name", workshop=workshop.name)
    # As TEXT, so a comma or semicolon in the workshop's name is escaped and the name stays whole.
    cal["x-wr-calname"] = vText(name)
    cal["name"] = vText(name)
    for item in due:
        if item.cadence is None or item.next_review is None:
            continue
        start = series_start(item.cadence, max(item.next_review, today))
        planned = rule_dates(item.cadence, start)
        moved = [(day, held) for day, held in zip(planned, review_dates(item.cadence, start)) if day != held]
        event = Event()
        event.add("uid", event_uid(workshop, item.candidate_id))
        event.add("dtstamp", stamp)
        event.add("sequence", sequence(start))
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(days=1))
        event.add("rrule", _rule(item.cadence, start))
        if moved:
            event.add("exdate", [day for day, _ in moved])
            event.add("rdate", [held for _, held in moved])
        event.add("summary", t(language, "review.calendar.summary", name=item.name))
        event.add("description", t(language, "review.calendar.description", workshop=workshop.name,
                                   name=item.name, cadence=cadence_label(item.cadence, language)))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
