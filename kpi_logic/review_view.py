"""What the review page renders: each KPI's status panel, the due-reviews table and the review log."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd

from kpi_logic import review
from kpi_logic.catalog import display_name
from kpi_logic.records import Candidate, Review, ShortlistEntry, Workshop
from kpi_logic.i18n import t
from kpi_logic.formatting import format_date, format_number
from kpi_logic.text import cadence_label


@dataclass(frozen=True)
class KpiPanel:
    """One shortlisted KPI as the review page shows it: its chart's inputs, status and last decision."""

    entry: ShortlistEntry
    name: str
    unit: str | None
    points: tuple[review.Point, ...]
    status: review.KpiStatus
    decision: Review | None


def plan_start(workshop: Workshop) -> date:
    """The day every KPI's plan starts from its baseline: the workshop's date, else the day it was made."""
    return workshop.workshop_date or datetime.fromisoformat(workshop.created_at).date()


def kpi_names(candidates: Sequence[Candidate], catalog: Mapping[str, Any], language: str) -> dict[int, str]:
    """Every candidate's name in the reader's language, by candidate id (also KPIs since replaced)."""
    return {c.id: display_name(c.catalog_id, c.name, catalog, language) for c in candidates}


def kpi_panel(
    entry: ShortlistEntry,
    measurements: pd.DataFrame,
    reviews: Sequence[Review],
    catalog: Mapping[str, Any],
    language: str,
    start: date,
    today: date,
) -> KpiPanel:
    """A KPI's values, its status today by the review rule, and the newest decision about it."""
    points = review.points_of(measurements, entry.candidate_id)
    status = review.status(entry, points, review.direction_of(entry, catalog), today, start,
                           review.cadence_of(entry, catalog))
    kpi = catalog.get(entry.catalog_id) if entry.catalog_id else None
    return KpiPanel(entry, display_name(entry.catalog_id, entry.name, catalog, language),
                    kpi.unit if kpi is not None else None, points, status,
                    review.latest_decision(reviews, entry.candidate_id))


def due_table(due: Sequence[review.DueReview], language: str) -> pd.DataFrame:
    """One row per shortlisted KPI: its next review (on the day the calendar holds it), whether it is
    overdue, cadence and last review."""
    def say(key: str) -> str:
        return t(language, key)

    return pd.DataFrame(
        {
            say("words.kpi"): [item.name for item in due],
            say("review.due.next"): [format_date(item.held_on, language) for item in due],
            say("review.due.state"): [
                say("review.due.overdue" if item.overdue else "review.due.planned") for item in due
            ],
            say("review.due.cadence"): [
                cadence_label(item.cadence, language) if item.cadence else say("review.due.no_cadence")
                for item in due
            ],
            say("review.due.last"): [format_date(item.last_review, language) for item in due],
        }
    )


def status_lines(result: review.KpiStatus, language: str) -> list[str]:
    """What the status was decided on (the first line), then the limits of this KPI's bands."""
    if result.code in (review.NO_DATA, review.NO_TARGET):
        return [t(language, f"review.rule.{result.code}")]

    def number(value: float | None) -> str:
        return format_number(value, language)

    numbers = t(language, "review.rule.numbers", period=format_date(result.period, language),
                actual=number(result.actual), expected=number(result.expected))
    if result.code == review.STALE:
        return [numbers, t(language, "review.rule.stale", periods=result.periods_without_value)]
    rule = "review.rule.passed" if result.target_passed else f"review.rule.{result.direction}"
    return [numbers, t(language, rule, expected=number(result.expected), limit=number(result.at_risk_limit),
                       direction=t(language, f"review.direction.{result.direction}"))]


def log_table(reviews: Sequence[Review], names: Mapping[int, str], language: str) -> pd.DataFrame:
    """The review log, newest first: the reason before the long list of who took part, since on a
    projector the reason is what the room reads."""
    def say(key: str) -> str:
        return t(language, key)

    return pd.DataFrame(
        {
            say("words.date"): [format_date(item.date, language) for item in reviews],
            say("review.log.decision"): [say(f"review.decision.{item.decision}") for item in reviews],
            say("words.kpi"): [
                say("review.log.all_kpis") if item.candidate_id is None else names.get(item.candidate_id, "—")
                for item in reviews
            ],
            say("review.log.note"): [item.note for item in reviews],
            say("review.log.participants"): [item.participants for item in reviews],
        }
    )
