"""What an edited `st.data_editor` table changes: its cells in the types the validators take, and the
checked difference from the stored rows, so every editor page saves all of its changes or none."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import pandas as pd


def is_blank(value: Any) -> bool:
    """An emptied editor cell: the editor turns a cleared cell into None, NaN or NaT."""
    return value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def editor_cell(value: Any, blank: Any = None) -> Any:
    """A cell as a validator takes it: blank → `blank`, a timestamp → its date, numpy → Python."""
    if is_blank(value):
        return blank
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.date()
    if hasattr(value, "item"):
        return value.item()
    return value


def row_changes(
    stored: Mapping[int, Mapping[str, Any]],
    edited: pd.DataFrame,
    check: Callable[[int, Mapping[str, Any]], Mapping[str, Any]],
) -> dict[int, dict[str, Any]]:
    """Per stored row id: the checked values of its edited row that differ from the stored ones.

    `check(row id, cells)` returns the row's values as the store takes them or raises on a bad
    cell; every row is checked before anything is returned, so the caller writes all or nothing.
    Rows no longer stored (deleted meanwhile) are ignored.
    """
    changes: dict[int, dict[str, Any]] = {}
    for row_key, row in edited.iterrows():
        key = int(row_key)
        if key not in stored:
            continue
        checked = check(key, row.to_dict())
        changed = {column: value for column, value in checked.items() if value != stored[key][column]}
        if changed:
            changes[key] = changed
    return changes


def verdict_changes(
    stored: Mapping[int, str | None], edited: pd.DataFrame, verdict: str = "verdict", delete: str = "delete"
) -> tuple[dict[int, str | None], list[int]]:
    """The status-quo table's edits: new verdicts per KPI id, and the KPIs ticked for removal."""
    removed = [int(key) for key, row in edited.iterrows() if row[delete]]
    kept = {int(key): editor_cell(row[verdict]) for key, row in edited.iterrows() if not row[delete]}
    verdicts = {key: value for key, value in kept.items() if key in stored and value != stored[key]}
    return verdicts, removed
