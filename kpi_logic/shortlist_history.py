"""The shortlist history in the reader's language: each stored change worded with i18n texts.

The store keeps what changed as data (`HistoryChange`); rows written before it did keep only an
English summary, which is shown as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from typing import Any

from kpi_logic.i18n import t
from kpi_logic.domain import ADDED, REMOVED, UNDO_ACTION, UPDATED
from kpi_logic.records import HistoryChange, HistoryEntry
from kpi_logic.formatting import format_date, format_datetime, format_number
from kpi_logic.text import cadence_label

EMPTY = "—"


@dataclass(frozen=True)
class HistoryLine:
    """One change as the history table shows it, in one language."""

    actor: str
    at: str
    summary: str
    undone: bool


def history_lines(entries: Sequence[HistoryEntry], language: str) -> tuple[HistoryLine, ...]:
    """The history table's rows, newest first as `entries` come (wording every change is most of a
    shortlist page run with a workshop's 200 changes, so pages keep these per newest change)."""
    return tuple(
        HistoryLine(entry.actor, format_datetime(datetime.fromisoformat(entry.at), language),
                    describe(entry, language), entry.undone)
        for entry in entries
    )


def describe(entry: HistoryEntry, language: str) -> str:
    """What a history row changed, in `language` (an undo says what it took back)."""
    if entry.changes is None:
        return entry.summary
    text = describe_changes(entry.changes, language)
    return t(language, "shortlist_history.undone", change=text) if entry.action == UNDO_ACTION else text


def describe_changes(changes: Sequence[HistoryChange], language: str) -> str:
    """The changes as one line: KPIs added or removed, a new order, or field changes per KPI."""
    updates = [change for change in changes if change.kind == UPDATED]
    if updates:
        return " | ".join(
            f"{kpi}: " + "; ".join(_field_change(change, language) for change in group)
            for kpi, group in groupby(updates, key=lambda change: change.kpi)
        )
    if not changes or all(change.kind not in (ADDED, REMOVED) for change in changes):
        return t(language, "shortlist_history.reordered")
    return ", ".join(t(language, f"shortlist_history.{change.kind}", kpi=change.kpi) for change in changes)


def _field_change(change: HistoryChange, language: str) -> str:
    return t(
        language, "shortlist_history.field",
        field=t(language, f"shortlist.col.{change.field}"),
        old=format_value(change.field, change.old, language),
        new=format_value(change.field, change.new, language),
    )


def format_value(field: str, value: Any, language: str) -> str:
    """A stored shortlist value as people read it: Swiss numbers and dates, cadence words, goal titles."""
    if value is None or value == "" or value == []:
        return EMPTY
    if field == "target_date":
        return format_date(date.fromisoformat(value), language)
    if field == "cadence":
        return cadence_label(value, language)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, (int, float)):
        return format_number(value, language)
    return str(value)
