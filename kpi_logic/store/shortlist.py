"""The shortlist tables: the chosen KPIs with owner, baseline, target and goals, and every change with undo."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from itertools import groupby
from typing import Any

from kpi_logic.domain import ADDED, REMOVED, REORDERED, UNDO_ACTION, UPDATED
from kpi_logic.errors import InvalidInput
from kpi_logic.records import HistoryChange, HistoryEntry, ShortlistEntry
from kpi_logic.store.base import Part, from_row, kpi_texts, now, sql_values
from kpi_logic.validation import SHORTLIST_FIELDS, clean, row_id, text


class Shortlist(Part):
    """Choose, order and describe the 3–5 KPIs; keep each change in a history that can be undone."""

    def set(self, workshop_id: int, candidate_ids: list[int], actor: str) -> None:
        """Make these candidates the shortlist, in this order; entries that stay keep their data."""
        actor = text()(actor, "actor")
        wanted = [row_id(cid, f"candidate_ids[{i}]") for i, cid in enumerate(candidate_ids)]
        if len(set(wanted)) != len(wanted):
            raise InvalidInput("candidate_ids: a KPI appears twice")
        with self.write():
            for cid in wanted:
                self.store.candidates.in_workshop(workshop_id, cid)
            before = self.snapshot(workshop_id)
            if [entry["candidate_id"] for entry in before] == wanted:
                return
            kept = {entry["candidate_id"]: entry for entry in before}
            after = [
                {**kept.get(cid, _empty_entry(cid)), "position": position}
                for position, cid in enumerate(wanted, start=1)
            ]
            names = self.store.candidates.names(workshop_id)
            changes = [HistoryChange(ADDED, names[cid]) for cid in wanted if cid not in kept] + [
                HistoryChange(REMOVED, names[cid]) for cid in kept if cid not in wanted
            ]
            self.record_history(workshop_id, actor, "set", changes or [HistoryChange(REORDERED)], before)
            self.restore(workshop_id, after)

    def list(self, workshop_id: int) -> list[ShortlistEntry]:
        """The shortlist in order, with linked goal ids."""
        language = self.store.workshops.get(workshop_id).language
        rows = self.rows(
            "SELECT s.*, c.catalog_id, c.name, c.definition, "
            "(SELECT json_group_array(goal_id) FROM "
            "  (SELECT goal_id FROM shortlist_goals g WHERE g.entry_id = s.id ORDER BY goal_id)"
            ") AS goal_json "
            "FROM shortlist s JOIN candidates c ON c.id = s.candidate_id "
            "WHERE s.workshop_id = ? ORDER BY s.position, s.id",
            [workshop_id],
        )
        catalog = self.store.candidates.catalog_for(rows)
        return [
            from_row(
                ShortlistEntry,
                row,
                name=kpi_texts(row, catalog, language)[0],
                goal_ids=tuple(json.loads(row["goal_json"])),
            )
            for row in rows
        ]

    def update_entry(
        self, workshop_id: int, entry_id: int, actor: str, **fields: Any
    ) -> ShortlistEntry:
        """Change owner, baseline, target, target date, cadence, data source or goal_ids; recorded."""
        return self.update_entries(workshop_id, {entry_id: fields}, actor)[0]

    def update_entries(
        self, workshop_id: int, changes: Mapping[int, Mapping[str, Any]], actor: str
    ) -> list[ShortlistEntry]:
        """Change several entries (fields as in `update_entry`): all or nothing, one undo step.

        Returns the changed entries in shortlist order.
        """
        actor = text()(actor, "actor")
        wanted = {
            row_id(entry_id, "entry id"): _shortlist_values(fields) for entry_id, fields in changes.items()
        }
        with self.write():
            candidate_of = {
                entry_id: self.owned("shortlist", workshop_id, entry_id, "shortlist entry")["candidate_id"]
                for entry_id in wanted
            }
            for values in wanted.values():
                for goal_id in values.get("goal_ids", []):
                    self.store.goals.get(workshop_id, goal_id)
            before = self.snapshot(workshop_id)
            current = {item["candidate_id"]: item for item in before}
            names = self.store.candidates.names(workshop_id)
            goal_titles = {goal.id: goal.title for goal in self.store.goals.list(workshop_id)}
            updated: dict[int, dict] = {}
            changes = []
            for entry_id, values in wanted.items():
                old = current[candidate_of[entry_id]]
                new = {**old, **sql_values(values)}
                changed = [key for key in values if old[key] != new[key]]
                if changed:
                    updated[old["candidate_id"]] = new
                    name = names[old["candidate_id"]]
                    changes += [
                        HistoryChange(
                            UPDATED, name, key, _history_value(old[key], goal_titles),
                            _history_value(new[key], goal_titles),
                        )
                        for key in changed
                    ]
            if changes:
                # One history row for the whole batch, so one undo takes all of it back.
                self.record_history(workshop_id, actor, "update", changes, before)
                self.restore(workshop_id, [updated.get(item["candidate_id"], item) for item in before])
        return [item for item in self.list(workshop_id) if item.id in wanted]

    def history(self, workshop_id: int) -> list[HistoryEntry]:
        """Every shortlist change, newest first."""
        self.store.workshops.get(workshop_id)
        rows = self.rows(
            "SELECT * FROM shortlist_history WHERE workshop_id = ? ORDER BY id DESC", [workshop_id]
        )
        return [_history_entry(row) for row in rows]

    def latest_change(self, workshop_id: int) -> int:
        """The id of the newest shortlist change, 0 before the first. Every change adds a row (an undo
        too, in the same transaction as its `undone` mark), so what was built from the history is
        current while this id stays the same."""
        return self.rows(
            "SELECT COALESCE(MAX(id), 0) AS id FROM shortlist_history WHERE workshop_id = ?", [workshop_id]
        )[0]["id"]

    def undo(self, workshop_id: int, actor: str) -> HistoryEntry | None:
        """Restore the shortlist as it was before the latest change not yet undone (None: nothing to undo)."""
        actor = text()(actor, "actor")
        with self.write():
            self.store.workshops.get(workshop_id)
            rows = self.rows(
                "SELECT * FROM shortlist_history WHERE workshop_id = ? AND undone = 0 "
                "AND action != ? ORDER BY id DESC LIMIT 1",
                [workshop_id, UNDO_ACTION],
            )
            if not rows:
                return None
            change = rows[0]
            current = self.snapshot(workshop_id)
            self.restore(workshop_id, json.loads(change["snapshot"]))
            self.update_row("shortlist_history", change["id"], {"undone": True})
            # The undo row carries what it took back, so the page can say "undone: …" in any language.
            undone = _history_entry(change, undone=True)
            self.record_history(
                workshop_id, actor, UNDO_ACTION, undone.changes, current, f"undone: {change['summary']}"
            )
        return undone

    def snapshot(self, workshop_id: int) -> list[dict]:
        """The whole shortlist as plain JSON-ready rows keyed by candidate (ids of entries change)."""
        rows = self.rows(
            "SELECT candidate_id, position, owner, baseline, target, target_date, cadence, "
            "data_source, (SELECT json_group_array(goal_id) FROM "
            "  (SELECT goal_id FROM shortlist_goals g WHERE g.entry_id = s.id ORDER BY goal_id)"
            ") AS goal_ids "
            "FROM shortlist s WHERE workshop_id = ? ORDER BY position, id",
            [workshop_id],
        )
        return [{**row, "goal_ids": json.loads(row["goal_ids"])} for row in rows]

    def restore(self, workshop_id: int, snapshot: list[dict]) -> None:
        """Make the shortlist equal to `snapshot`, skipping KPIs or goals deleted since."""
        existing_candidates = {
            row["id"] for row in self.rows("SELECT id FROM candidates WHERE workshop_id = ?", [workshop_id])
        }
        existing_goals = {
            row["id"] for row in self.rows("SELECT id FROM goals WHERE workshop_id = ?", [workshop_id])
        }
        keep = [item for item in snapshot if item["candidate_id"] in existing_candidates]
        self.db.execute(
            "DELETE FROM shortlist WHERE workshop_id = ? "
            "AND candidate_id NOT IN (SELECT value FROM json_each(?))",
            [workshop_id, json.dumps([item["candidate_id"] for item in keep])],
        )
        for item in keep:
            values = {key: item[key] for key in (*SHORTLIST_FIELDS, "position")}
            entry_id = self.db.execute(
                "INSERT INTO shortlist (workshop_id, candidate_id, position, owner, baseline, target, "
                "target_date, cadence, data_source) VALUES (:w, :c, :position, :owner, :baseline, "
                ":target, :target_date, :cadence, :data_source) "
                "ON CONFLICT (workshop_id, candidate_id) DO UPDATE SET position = :position, "
                "owner = :owner, baseline = :baseline, target = :target, "
                "target_date = :target_date, cadence = :cadence, data_source = :data_source "
                "RETURNING id",
                {**values, "w": workshop_id, "c": item["candidate_id"]},
            ).fetchone()[0]
            self.db.execute("DELETE FROM shortlist_goals WHERE entry_id = ?", [entry_id])
            self.db.conn.executemany(
                "INSERT INTO shortlist_goals (entry_id, goal_id) VALUES (?, ?)",
                [(entry_id, goal) for goal in item["goal_ids"] if goal in existing_goals],
            )

    def record_history(
        self,
        workshop_id: int,
        actor: str,
        action: str,
        changes: Sequence[HistoryChange] | None,
        snapshot: list[dict] | None = None,
        summary: str | None = None,
    ) -> None:
        """A history row; `summary` defaults to the changes in English (None: an old row's undo)."""
        before = self.snapshot(workshop_id) if snapshot is None else snapshot
        self.insert_row(
            "shortlist_history",
            {"workshop_id": workshop_id, "actor": actor, "at": now(), "action": action,
             "summary": _summary(changes or ()) if summary is None else summary,
             "snapshot": json.dumps(before), "undone": False,
             "changes": None if changes is None else json.dumps([asdict(c) for c in changes])},
        )

    # -- funnel


def _format(value: Any) -> str:
    """A value as shown in a readable history summary."""
    if value is None or value == "":
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value) or "—"
    return str(value)


# ---------------------------------------------------------------- the store


def _history_value(value: Any, goal_titles: Mapping[int, str]) -> Any:
    """A stored field value for the history; goal ids become their titles (goals may be deleted later)."""
    if isinstance(value, list):
        return [goal_titles.get(goal_id, f"#{goal_id}") for goal_id in value]
    return value


def _summary(changes: Sequence[HistoryChange]) -> str:
    """The changes as one English line: "+ CAC, − Leads" or "CAC: owner: — → Eva; target: 10 → 12"."""
    if any(change.kind == UPDATED for change in changes):
        return " | ".join(
            f"{kpi}: " + "; ".join(f"{c.field}: {_format(c.old)} → {_format(c.new)}" for c in group)
            for kpi, group in groupby(changes, key=lambda change: change.kpi)
        )
    if any(change.kind == REORDERED for change in changes):
        return "order changed"
    return ", ".join(f"{'+' if change.kind == ADDED else '−'} {change.kpi}" for change in changes)


def _history_entry(row: Mapping[str, Any], **overrides: Any) -> HistoryEntry:
    changes = row.get("changes")
    parsed = None if changes is None else tuple(HistoryChange(**item) for item in json.loads(changes))
    return from_row(HistoryEntry, row, changes=parsed, **overrides)


def _shortlist_values(fields: Mapping[str, Any]) -> dict:
    """Checked shortlist fields; goal_ids as a sorted list of distinct ids."""
    fields = dict(fields)
    goal_ids = fields.pop("goal_ids", None)
    values = clean(SHORTLIST_FIELDS, fields, partial=True)
    if goal_ids is not None:
        values["goal_ids"] = sorted({row_id(g, "goal_ids") for g in goal_ids})
    return values


def _empty_entry(candidate_id: int) -> dict:
    return {"candidate_id": candidate_id, **dict.fromkeys(SHORTLIST_FIELDS), "owner": "",
            "data_source": "", "goal_ids": []}

