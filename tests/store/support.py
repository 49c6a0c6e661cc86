"""Constants and helpers the store's tests (and the hardening tests) share."""

from __future__ import annotations

import copy

from tests.support import FACILITATOR_PIN

PIN = FACILITATOR_PIN
TOO_LONG = "x" * 81


def row_counts(store) -> dict[str, int]:
    tables = [row["name"] for row in store.db.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )]
    return {table: store.db.execute(f"SELECT COUNT(*) FROM [{table}]").fetchone()[0] for table in tables}


def without_ids(data: dict) -> dict:
    """An export with every id replaced by the position of what it names, to compare two exports."""
    data = copy.deepcopy(data)
    maps = {key: {row["id"]: i for i, row in enumerate(data[key])}
            for key in ("participants", "goals", "candidates")}
    refs = {"participant_id": "participants", "proposed_by": "participants",
            "candidate_id": "candidates"}

    def strip(row: dict) -> dict:
        row.pop("id", None)
        for field, section in refs.items():
            if row.get(field) is not None:
                row[field] = maps[section][row[field]]
        if "goal_ids" in row:
            row["goal_ids"] = sorted(maps["goals"][goal] for goal in row["goal_ids"])
        return row

    for key, rows in data.items():
        if isinstance(rows, list):
            data[key] = [strip(row) for row in rows]
    for change in data["shortlist_history"]:
        change["snapshot"] = [strip(item) for item in change["snapshot"]]
    return data
