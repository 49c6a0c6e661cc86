"""Working days in Switzerland: weekends and the public holidays kept in (nearly) every canton.

A review on a Saturday, on 1 January or on Whit Monday is a review nobody holds; the review cycle
(`review.held_on`) and its calendar move such dates to a working day.
"""

from __future__ import annotations

from datetime import date, timedelta

SATURDAY = 5
# Fixed-date holidays: New Year, Berchtoldstag, National Day, Christmas, St Stephen's Day.
FIXED_HOLIDAYS: tuple[tuple[int, int], ...] = ((1, 1), (1, 2), (8, 1), (12, 25), (12, 26))
# Days from Easter Sunday: Good Friday, Easter Monday, Ascension, Whit Monday.
EASTER_OFFSETS: tuple[int, ...] = (-2, 1, 39, 50)


def easter(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * weekday) // 433
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


def public_holidays(year: int) -> frozenset[date]:
    """Swiss public holidays of `year` that almost every canton keeps."""
    sunday = easter(year)
    return frozenset(
        {date(year, month, day) for month, day in FIXED_HOLIDAYS}
        | {sunday + timedelta(days=offset) for offset in EASTER_OFFSETS}
    )


def is_workday(day: date) -> bool:
    """Monday to Friday and not a public holiday."""
    return day.weekday() < SATURDAY and day not in public_holidays(day.year)


def nearest_workday(day: date, keep_month: bool = False) -> date:
    """The next working day from `day`; with `keep_month`, the one before when the next is in another month.

    Month-end reviews stay in their month ("where the cadence allows").
    """
    later = day
    while not is_workday(later):
        later += timedelta(days=1)
    if not keep_month or later.month == day.month:
        return later
    earlier = day
    while not is_workday(earlier):
        earlier -= timedelta(days=1)
    return earlier
