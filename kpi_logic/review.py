"""The review cycle after the workshop (article step 4): KPI status, review dates, what is due.

The status rule, in one place so the page can show it next to every chart:

- The plan is a straight line from the baseline on the start day (the workshop date) to the target on
  the target date. Its value on a day is the *expected value* (before the start: the baseline; after
  the target date: the target).
- The latest actual (the newest period up to today) is compared with the expected value on its own
  period, so a value recorded late for last month is judged against last month's plan.
- On track: at or beyond the expected value, in the KPI's direction (higher or lower is better).
  At risk: behind by at most 10 % of the whole way (|target − baseline|); when the target only holds
  the baseline (no way to go), by at most 10 % of the target's own size, so "churn held at 2.0 %"
  measured at 2.1 % is at risk, not off track. Off track: further behind.
- Stale: the newest value is older than two whole review periods (cadence), e.g. a monthly KPI last
  measured in April is stale in July; its last value says nothing about today.
- Direction: the catalogue's word; for a custom KPI the way the target points, and when target and
  baseline are equal, its name ("Kosten", "Churn", "Dauer" are better when lower).
- Once the target date has passed there is no "at risk": the latest actual has reached the target or
  it has not.
- No measurement yet: "no data". No baseline, target or target date on the shortlist: "no target".
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd

from kpi_logic.catalog import display_name
from kpi_logic.domain import REVIEW_DECISIONS
from kpi_logic.errors import InvalidInput
from kpi_logic.records import Review, ShortlistEntry
from kpi_logic.workdays import nearest_workday

ON_TRACK, AT_RISK, OFF_TRACK, STALE = "on_track", "at_risk", "off_track", "stale"
NO_DATA, NO_TARGET = "no_data", "no_target"
STATUSES: tuple[str, ...] = (ON_TRACK, AT_RISK, OFF_TRACK, STALE, NO_DATA, NO_TARGET)
HIGHER, LOWER = "higher", "lower"
# Share of the whole way from baseline to target a KPI may lag behind its plan and still be "at risk";
# when target equals baseline, the same share of the target's size.
AT_RISK_SHARE = 0.10
# Whole review periods without a new value after which the newest one is stale.
STALE_PERIODS = 2
# Words of custom KPIs that are better when lower (costs, losses, durations), folded to lower case.
_LOWER_IS_BETTER = re.compile(
    r"kosten|cost|\b(?:cac|cpl|cpa|cpc|cpo|kur)\b|churn|kundig|abwander|abbruch|abandon|absprung|bounce|"
    r"dauer|zeit|time|zyklus|cycle|payback|amortis|rabatt|discount|reklamation|retoure|fehler|error"
)

WEEKLY, MONTHLY, QUARTERLY = "weekly", "monthly", "quarterly"
MONTHS_PER_CADENCE: dict[str, int] = {MONTHLY: 1, QUARTERLY: 3}
WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Point:
    """One measured value of a KPI for a period (the period's first day, or the day measured)."""

    period: date
    value: float


@dataclass(frozen=True)
class KpiStatus:
    """A KPI's status and the numbers it was decided on (None where there are none)."""

    code: str
    actual: float | None = None
    expected: float | None = None
    period: date | None = None
    tolerance: float | None = None
    direction: str = HIGHER
    target_passed: bool = False
    periods_without_value: int = 0  # whole review periods since the newest value's period

    @property
    def at_risk_limit(self) -> float | None:
        """The far edge of the at-risk band: beyond it the KPI is off track."""
        if self.expected is None or self.tolerance is None:
            return None
        return self.expected - self.tolerance if self.direction == HIGHER else self.expected + self.tolerance


# ---------------------------------------------------------------- status


def direction_of(entry: ShortlistEntry, catalog: Mapping[str, Any]) -> str:
    """Whether higher or lower is better: the catalogue's word, else the way the target points."""
    kpi = catalog.get(entry.catalog_id) if entry.catalog_id else None
    if kpi is not None:
        return kpi.direction
    if entry.baseline is not None and entry.target is not None and entry.target != entry.baseline:
        return LOWER if entry.target < entry.baseline else HIGHER
    return LOWER if _LOWER_IS_BETTER.search(entry.name.casefold()) else HIGHER


def at_risk_tolerance(baseline: float, target: float) -> float:
    """How far behind plan a KPI may be and still be "at risk", by the rule in the module docstring."""
    way = abs(target - baseline)
    return AT_RISK_SHARE * (way if way > 0 else abs(target))


def periods_since(period: date, today: date, cadence: str) -> int:
    """Whole review periods that ended after `period`'s own one and before today's one."""
    if cadence == WEEKLY:
        return max((today - period).days // WEEK.days - 1, 0)
    if cadence not in MONTHS_PER_CADENCE:
        raise InvalidInput(f"cadence: must be one of weekly, monthly, quarterly, got {cadence!r}")
    months = MONTHS_PER_CADENCE[cadence]
    index = lambda day: (day.year * 12 + day.month - 1) // months  # noqa: E731 - a period's number
    return max(index(today) - index(period) - 1, 0)


def expected_value(baseline: float, target: float, start: date, target_date: date, day: date) -> float:
    """The plan's value on `day`: the straight line from (start, baseline) to (target_date, target)."""
    if day >= target_date or target_date <= start:
        return target
    if day <= start:
        return baseline
    share = (day - start).days / (target_date - start).days
    return baseline + (target - baseline) * share


def status(
    entry: ShortlistEntry,
    measurements: Iterable[Point],
    direction: str,
    today: date,
    start: date,
    cadence: str | None = None,
) -> KpiStatus:
    """On track, at risk, off track, stale, no data or no target, by the rule in this module's docstring.

    Without a cadence (a custom KPI nobody gave one) no value counts as stale.
    """
    if entry.baseline is None or entry.target is None or entry.target_date is None:
        return KpiStatus(NO_TARGET)
    known = [point for point in measurements if point.period <= today]
    if not known:
        return KpiStatus(NO_DATA)
    latest = max(known, key=lambda point: point.period)
    passed = today > entry.target_date
    expected = (
        entry.target
        if passed
        else expected_value(entry.baseline, entry.target, start, entry.target_date, latest.period)
    )
    tolerance = 0.0 if passed else at_risk_tolerance(entry.baseline, entry.target)
    behind = expected - latest.value if direction == HIGHER else latest.value - expected
    missing = periods_since(latest.period, today, cadence) if cadence else 0
    if missing >= STALE_PERIODS:
        code = STALE
    elif behind <= 0:
        code = ON_TRACK
    elif behind <= tolerance:
        code = AT_RISK
    else:
        code = OFF_TRACK
    return KpiStatus(code, latest.value, expected, latest.period, tolerance, direction, passed, missing)


def points_of(measurements: pd.DataFrame, candidate_id: int) -> tuple[Point, ...]:
    """One KPI's measurements (from `WorkshopStore.measurements.list`), oldest first."""
    rows = measurements[measurements["candidate_id"] == candidate_id].sort_values("period")
    return tuple(Point(period, float(value)) for period, value in zip(rows["period"], rows["value"]))


# ---------------------------------------------------------------- review dates


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day when it is shorter (31 Jan → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


SHORTEST_MONTH = 28


def month_end(day: date) -> date:
    """The last day of `day`'s month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def series_start(cadence: str, first: date) -> date:
    """The series' first date: a monthly review after the 28th is a month-end review."""
    return month_end(first) if cadence != WEEKLY and first.day > SHORTEST_MONTH else first


def held_on(cadence: str, planned: date) -> date:
    """The working day a review planned for `planned` is held on: the calendar's first date of its series
    (moved off weekends and Swiss holidays; a month-end review stays in its month)."""
    start = series_start(cadence, planned)
    return nearest_workday(start, keep_month=cadence != WEEKLY and start.day > SHORTEST_MONTH)


def next_review(cadence: str, last: date) -> date:
    """The review after `last`: a week, a month (same day, clamped to month end) or three months on."""
    if cadence == WEEKLY:
        return last + WEEK
    if cadence in MONTHS_PER_CADENCE:
        return add_months(last, MONTHS_PER_CADENCE[cadence])
    raise InvalidInput(f"cadence: must be one of weekly, monthly, quarterly, got {cadence!r}")


def cadence_of(entry: ShortlistEntry, catalog: Mapping[str, Any]) -> str | None:
    """The cadence set on the shortlist, else the catalogue's usual one (None for custom KPIs)."""
    kpi = catalog.get(entry.catalog_id) if entry.catalog_id else None
    return entry.cadence or (kpi.cadence if kpi is not None else None)


@dataclass(frozen=True)
class DueReview:
    """When a shortlisted KPI is next reviewed, counted from its last review (or the start)."""

    entry_id: int
    candidate_id: int
    name: str
    cadence: str | None
    last_review: date | None
    next_review: date | None  # as the cadence counts it
    overdue: bool
    held_on: date | None = None  # the working day the calendar holds the next review on (today's if overdue)


def last_review(reviews: Iterable[Review], candidate_id: int) -> date | None:
    """The last review of this KPI; a review logged without a KPI counts for every KPI."""
    days = [r.date for r in reviews if r.candidate_id in (candidate_id, None)]
    return max(days, default=None)


def due_overview(
    entries: Sequence[ShortlistEntry],
    reviews: Sequence[Review],
    catalog: Mapping[str, Any],
    language: str,
    start: date,
    today: date,
) -> list[DueReview]:
    """Every shortlisted KPI's next review, soonest first (KPIs without a cadence last)."""
    due = []
    for entry in entries:
        cadence = cadence_of(entry, catalog)
        last = last_review(reviews, entry.candidate_id)
        upcoming = next_review(cadence, last or start) if cadence else None
        due.append(
            DueReview(
                entry.id, entry.candidate_id,
                display_name(entry.catalog_id, entry.name, catalog, language),
                cadence, last, upcoming, upcoming is not None and upcoming < today,
                held_on(cadence, max(upcoming, today)) if upcoming is not None else None,
            )
        )
    return sorted(due, key=lambda item: (item.next_review is None, item.next_review or today))


# ---------------------------------------------------------------- decisions and replaced KPIs

KEEP, CHANGE_TARGET, REPLACE = REVIEW_DECISIONS
# A review that changes a target or replaces a KPI is about one KPI; "keep" may cover them all.
DECISIONS_ABOUT_ONE_KPI = frozenset({CHANGE_TARGET, REPLACE})


class DecisionNeedsKpi(InvalidInput):
    """Changing a target or replacing a KPI was logged without saying which KPI."""


def check_decision(decision: str, candidate_id: int | None) -> None:
    """DecisionNeedsKpi unless a target change or replacement names its KPI."""
    if decision in DECISIONS_ABOUT_ONE_KPI and candidate_id is None:
        raise DecisionNeedsKpi(f"decision {decision!r} needs the KPI it is about")


def latest_decision(reviews: Iterable[Review], candidate_id: int) -> Review | None:
    """The newest review that decided something about this very KPI."""
    own = [r for r in reviews if r.candidate_id == candidate_id]
    return max(own, key=lambda r: (r.date, r.id), default=None)


@dataclass(frozen=True)
class FormerKpi:
    """A KPI no longer on the shortlist, with its kept measurements and the review that let it go."""

    candidate_id: int
    name: str
    points: tuple[Point, ...]
    reason: Review | None


def former_kpis(
    entries: Sequence[ShortlistEntry],
    measurements: pd.DataFrame,
    reviews: Sequence[Review],
    names: Mapping[int, str],
) -> list[FormerKpi]:
    """KPIs that were measured or replaced but are off the shortlist now, in the order they went."""
    current = {entry.candidate_id for entry in entries}
    replacements = [r for r in reviews if r.decision == REPLACE]
    replaced = [r.candidate_id for r in replacements if r.candidate_id is not None]
    measured = [int(cid) for cid in measurements["candidate_id"].unique()]
    gone = dict.fromkeys(cid for cid in (*replaced, *measured) if cid not in current and cid in names)
    return [
        FormerKpi(cid, names[cid], points_of(measurements, cid),
                  latest_decision(replacements, cid))
        for cid in gone
    ]
