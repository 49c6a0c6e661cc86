"""The review dates as an iCalendar (.ics) file for Outlook, Google or Apple Calendar.

One all-day event series per KPI: it starts on the KPI's next review (today when that is overdue) and
repeats by the cadence for the next 12 months (RRULE with COUNT, which every calendar program reads).
Monthly and quarterly series keep the start's day of the month and fall back to the month's last day
in shorter months (BYMONTHDAY=28,…,day with BYSETPOS=-1), like `review.add_months`.
The UID is derived from the workshop's share token and the KPI, so importing a newer file updates the
series instead of adding a second one, without putting the token itself into the file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar, Event, vRecur

from kpi_logic.text import cadence_label
from kpi_logic.i18n import t
from kpi_logic.review import MONTHS_PER_CADENCE, WEEKLY, DueReview
from kpi_logic.records import Workshop

PRODID = "-//KPI Workshop//Review calendar//EN"
# Occurrences that cover the next 12 months.
COUNT_PER_YEAR: dict[str, int] = {WEEKLY: 52, **{c: 12 // m for c, m in MONTHS_PER_CADENCE.items()}}
SHORTEST_MONTH = 28


def _rule(cadence: str, first: date) -> vRecur:
    """The repetition of one KPI's reviews, clamped to month ends like the app's own dates."""
    if cadence == WEEKLY:
        return vRecur(freq="WEEKLY", count=COUNT_PER_YEAR[WEEKLY])
    rule = vRecur(freq="MONTHLY", interval=MONTHS_PER_CADENCE[cadence], count=COUNT_PER_YEAR[cadence])
    if first.day > SHORTEST_MONTH:
        rule["bymonthday"] = list(range(SHORTEST_MONTH, first.day + 1))
        rule["bysetpos"] = -1
    return rule


def event_uid(workshop: Workshop, candidate_id: int) -> str:
    """A UID that stays the same for a workshop's KPI across downloads, and reveals no secret."""
    digest = hashlib.sha256(f"{workshop.share_token}:{candidate_id}".encode()).hexdigest()[:24]
    return f"kpi-review-{digest}@kpi-workshop"


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
    cal.add("x-wr-calname", t(language, "review.calendar.name", workshop=workshop.name))
    for item in due:
        if item.cadence is None or item.next_review is None:
            continue
        first = max(item.next_review, today)
        event = Event()
        event.add("uid", event_uid(workshop, item.candidate_id))
        event.add("dtstamp", stamp)
        event.add("dtstart", first)
        event.add("dtend", first + timedelta(days=1))
        event.add("rrule", _rule(item.cadence, first))
        event.add("summary", t(language, "review.calendar.summary", name=item.name))
        event.add("description", t(language, "review.calendar.description", workshop=workshop.name,
                                   name=item.name, cadence=cadence_label(item.cadence, language)))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
