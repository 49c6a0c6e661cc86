"""Moving one workshop between databases: the whole workshop as JSON-ready data, and its import.

An import is fully checked first (`_ImportPlan`: fields, references, uniqueness) and then written
in one transaction, so a file is taken whole or refused whole.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from kpi_logic import voting
from kpi_logic.domain import APPROVED, EXPORT_FORMAT, EXPORT_VERSION, MAX_GOALS
from kpi_logic.errors import InvalidImport, InvalidInput
from kpi_logic.records import Workshop
from kpi_logic.security import hash_pin, validate_pin
from kpi_logic.store.base import BOOL_COLUMNS, Part, sql_values
from kpi_logic.store.participants import FACILITATOR_KEY
from kpi_logic.text import name_key
from kpi_logic.validation import (
    CANDIDATE_STATE_FIELDS,
    CUSTOM_KPI_FIELDS,
    FUNNEL_FIELDS,
    GOAL_FIELDS,
    HISTORY_FIELDS,
    MEASUREMENT_FIELDS,
    PARTICIPANT_FIELDS,
    REVIEW_FIELDS,
    SNAPSHOT_FIELDS,
    STATUS_FIELDS,
    TASK_FIELDS,
    VOTE_FIELDS,
    WORKSHOP_FIELDS,
    Spec,
    clean,
    row_id,
)

EXPORT_SECTIONS: tuple[str, ...] = (
    "workshop", "participants", "goals", "status_kpis", "candidates", "votes", "shortlist",
    "shortlist_history", "funnel", "measurements", "tasks", "reviews",
)


class Transfer(Part):
    """Export a workshop as data; import such data as a new workshop."""

    def export_workshop(self, workshop_id: int) -> dict:
        """The whole workshop as JSON-ready data (no PIN hash, join code or share token)."""
        workshop = self.store.workshops.get(workshop_id)

        def rows(sql: str) -> list[dict]:
            return self.rows(sql, {"w": workshop_id})

        candidates = rows(
            "SELECT id, catalog_id, name, definition, stage, team, proposed_by, status, in_runoff, "
            "created_at FROM candidates WHERE workshop_id = :w ORDER BY id"
        )
        goals = rows(
            "SELECT id, title, metric, baseline, target, deadline FROM goals "
            "WHERE workshop_id = :w ORDER BY position, id"
        )
        living = {row["id"] for row in candidates}, {row["id"] for row in goals}
        history = rows(
            "SELECT actor, at, action, summary, undone, snapshot FROM shortlist_history "
            "WHERE workshop_id = :w ORDER BY id"
        )
        for change in history:
            change["snapshot"] = _prune_snapshot(json.loads(change["snapshot"]), *living)
        return _json_ready(
            {
                "format": EXPORT_FORMAT,
                "version": EXPORT_VERSION,
                "workshop": {
                    key: getattr(workshop, key) for key in WORKSHOP_FIELDS
                },
                "participants": rows(
                    "SELECT id, name, team, is_facilitator, created_at FROM participants "
                    "WHERE workshop_id = :w ORDER BY id"
                ),
                "goals": goals,
                "status_kpis": rows(
                    "SELECT name, description, current_value, verdict FROM status_kpis "
                    "WHERE workshop_id = :w ORDER BY id"
                ),
                "candidates": candidates,
                "votes": rows(
                    "SELECT participant_id, candidate_id, round, points, updated_at FROM votes "
                    "WHERE workshop_id = :w ORDER BY round, participant_id, candidate_id"
                ),
                "shortlist": self.store.shortlist.snapshot(workshop_id),
                "shortlist_history": history,
                "funnel": [
                    {key: getattr(figure, key) for key in FUNNEL_FIELDS}
                    for figure in self.store.funnel.list(workshop_id)
                ],
                "measurements": rows(
                    "SELECT candidate_id, period, value, note FROM measurements "
                    "WHERE workshop_id = :w ORDER BY candidate_id, period"
                ),
                "tasks": rows(
                    "SELECT step, title, owner, due, done FROM tasks "
                    "WHERE workshop_id = :w ORDER BY id"
                ),
                "reviews": rows(
                    "SELECT date, participants, decision, candidate_id, note FROM reviews "
                    "WHERE workshop_id = :w ORDER BY id"
                ),
            }
        )

    def import_workshop(self, data: dict, facilitator_pin: str, client: str | None = None) -> Workshop:
        """A NEW workshop from exported data: everything is checked first, then written at once.

        InvalidImport names the field path of the first problem ("candidates[2].catalog_id: …").
        With `client`, the new workshop counts against the creation limits like one made by hand.
        """
        try:
            plan = _ImportPlan(data, self.catalog())
        except InvalidInput as error:
            raise InvalidImport(
                f"Import refused: {error}", key="errors.import_refused", detail=error
            ) from None
        pin_hash = hash_pin(validate_pin(facilitator_pin))
        with self.write():
            self.store.workshops.count_creation(client)
            workshop_id = self.store.workshops.insert_with_codes({**plan.workshop, "pin_hash": pin_hash})
            plan.write(self, workshop_id)
        return self.store.workshops.get(workshop_id)


def _json_ready(value: Any, key: str = "") -> Any:
    """Rows as JSON: dates as ISO text, 0/1 flag columns as true/false."""
    if isinstance(value, dict):
        return {name: _json_ready(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_json_ready(item) for item in value]
    if key in BOOL_COLUMNS and value is not None:
        return bool(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _prune_snapshot(snapshot: list[dict], candidates: set[int], goals: set[int]) -> list[dict]:
    """A history snapshot without KPIs or goals deleted since (undo skips those anyway)."""
    return [
        {**item, "goal_ids": [goal for goal in item["goal_ids"] if goal in goals]}
        for item in snapshot
        if item["candidate_id"] in candidates
    ]


def _section(data: Mapping[str, Any], key: str) -> list[dict]:
    rows = data.get(key, [])
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise InvalidInput(f"{key}: must be a list of objects")
    return rows


def _known(value: Any, field: str, known: Mapping[int, Any], *, optional: bool = False) -> int | None:
    """An id that must name a row of another section of the same export."""
    if value is None and optional:
        return None
    value = row_id(value, field)
    if value not in known:
        raise InvalidInput(f"{field}: refers to {value}, which is not in the file")
    return value


def _ref(row: Mapping[str, Any], field: str, path: str, known: Mapping[int, Any],
         *, optional: bool = False) -> int | None:
    """The id in `row[field]`, which must name a row of another section of the export."""
    return _known(row.get(field), f"{path}{field}", known, optional=optional)


def _without(row: Mapping[str, Any], *keys: str) -> dict:
    return {key: value for key, value in row.items() if key not in keys}


def _unique(keys: list, path: str, what: str) -> None:
    seen: set = set()
    for i, key in enumerate(keys):
        if key in seen:
            raise InvalidInput(f"{path}[{i}]: {what} appears twice")
        seen.add(key)


class _ImportPlan:
    """An exported workshop, fully checked (fields, references, uniqueness) before any write."""

    def __init__(self, data: Any, catalog: Mapping[str, Any]):
        if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
            raise InvalidInput(f"format: not a {EXPORT_FORMAT!r} export")
        if data.get("version") != EXPORT_VERSION:
            raise InvalidInput(f"version: only version {EXPORT_VERSION} can be read")
        unknown = sorted(set(data) - {"format", "version", *EXPORT_SECTIONS})
        if unknown:
            raise InvalidInput(f"{unknown[0]}: unknown section")
        if not isinstance(data.get("workshop"), dict):
            raise InvalidInput("workshop: missing")
        self.workshop = clean(WORKSHOP_FIELDS, data["workshop"], path="workshop.")
        try:
            voting.validate_cap(self.workshop["per_kpi_cap"], self.workshop["vote_budget"])
        except InvalidInput as error:
            raise InvalidInput(f"workshop.per_kpi_cap: {error}") from None
        self.participants = self._with_ids(data, "participants", PARTICIPANT_FIELDS)
        _unique([name_key(v["name"]) for v in self.participants.values() if not v["is_facilitator"]],
                "participants", "a name")
        self.goals = self._with_ids(data, "goals", GOAL_FIELDS)
        if len(self.goals) > MAX_GOALS:
            raise InvalidInput(f"goals: at most {MAX_GOALS} goals per workshop")
        self.status_kpis = [
            clean(STATUS_FIELDS, row, path=f"status_kpis[{i}].")
            for i, row in enumerate(_section(data, "status_kpis"))
        ]
        self.candidates = self._candidates(data, catalog)
        self.votes = self._votes(data)
        self.shortlist = self._snapshot(_section(data, "shortlist"), "shortlist")
        self.history = [
            (
                clean(HISTORY_FIELDS, _without(row, "snapshot"), path=f"shortlist_history[{i}]."),
                self._snapshot(row.get("snapshot"), f"shortlist_history[{i}].snapshot"),
            )
            for i, row in enumerate(_section(data, "shortlist_history"))
        ]
        self.funnel = [
            clean(FUNNEL_FIELDS, row, path=f"funnel[{i}].")
            for i, row in enumerate(_section(data, "funnel"))
        ]
        _unique([row["stage"] for row in self.funnel], "funnel", "a stage")
        self.measurements = [
            (
                _ref(row, "candidate_id", f"measurements[{i}].", self.candidates),
                clean(MEASUREMENT_FIELDS, _without(row, "candidate_id"), path=f"measurements[{i}]."),
            )
            for i, row in enumerate(_section(data, "measurements"))
        ]
        _unique([(kpi, v["period"]) for kpi, v in self.measurements], "measurements", "a KPI and period")
        self.tasks = [
            clean(TASK_FIELDS, row, path=f"tasks[{i}].") for i, row in enumerate(_section(data, "tasks"))
        ]
        self.reviews = [
            (
                _ref(row, "candidate_id", f"reviews[{i}].", self.candidates, optional=True),
                clean(REVIEW_FIELDS, _without(row, "candidate_id"), path=f"reviews[{i}]."),
            )
            for i, row in enumerate(_section(data, "reviews"))
        ]

    @staticmethod
    def _with_ids(data: Mapping[str, Any], key: str, spec: Spec) -> dict[int, dict]:
        """Rows of a section that others refer to, by their id in the file."""
        rows = _section(data, key)
        ids = [row_id(row.get("id"), f"{key}[{i}].id") for i, row in enumerate(rows)]
        _unique(ids, key, "an id")
        return {
            file_id: clean(spec, _without(row, "id"), path=f"{key}[{i}].")
            for i, (file_id, row) in enumerate(zip(ids, rows))
        }

    def _candidates(self, data: Mapping[str, Any], catalog: Mapping[str, Any]) -> dict[int, dict]:
        rows = _section(data, "candidates")
        ids = [row_id(row.get("id"), f"candidates[{i}].id") for i, row in enumerate(rows)]
        _unique(ids, "candidates", "an id")
        result = {}
        for i, (file_id, row) in enumerate(zip(ids, rows)):
            path = f"candidates[{i}]."
            proposer = _ref(row, "proposed_by", path, self.participants, optional=True)
            catalog_id = row.get("catalog_id")
            own = _without(row, "id", "catalog_id", "proposed_by")
            if catalog_id is None:
                values = clean({**CUSTOM_KPI_FIELDS, **CANDIDATE_STATE_FIELDS}, own, path=path)
            else:
                kpi = catalog.get(catalog_id) if isinstance(catalog_id, str) else None
                if kpi is None:
                    raise InvalidInput(f"{path}catalog_id: unknown catalogue KPI {catalog_id!r}")
                # Name, definition, stage and team of a catalogue KPI come from the catalogue.
                state = _without(own, *CUSTOM_KPI_FIELDS)
                values = {
                    **clean(CANDIDATE_STATE_FIELDS, state, path=path),
                    "name": None, "definition": "", "stage": kpi.stage, "team": kpi.team,
                }
            result[file_id] = {**values, "catalog_id": catalog_id, "proposed_by": proposer}
        catalog_ids = [v["catalog_id"] for v in result.values() if v["catalog_id"] is not None]
        _unique(catalog_ids, "candidates", "a catalogue KPI")
        return result

    def _votes(self, data: Mapping[str, Any]) -> list[dict]:
        votes = []
        for i, row in enumerate(_section(data, "votes")):
            path = f"votes[{i}]."
            values = clean(VOTE_FIELDS, _without(row, "participant_id", "candidate_id"), path=path)
            if values["round"] > self.workshop["round"]:
                raise InvalidInput(f"{path}round: after the workshop's round {self.workshop['round']}")
            values["participant_id"] = _ref(row, "participant_id", path, self.participants)
            values["candidate_id"] = _ref(row, "candidate_id", path, self.candidates)
            if self.candidates[values["candidate_id"]].get("status", APPROVED) != APPROVED:
                raise InvalidInput(f"{path}candidate_id: a vote for a KPI that is not up for the vote")
            if values["points"] > self.workshop["per_kpi_cap"]:
                raise InvalidInput(
                    f"{path}points: {values['points']} is more than the {self.workshop['per_kpi_cap']} "
                    "points a KPI may get from one person"
                )
            votes.append(values)
        _unique(
            [(v["participant_id"], v["candidate_id"], v["round"]) for v in votes],
            "votes", "a participant's vote on a KPI in a round",
        )
        given: dict[tuple[int, int], int] = {}
        for vote in votes:
            key = (vote["participant_id"], vote["round"])
            given[key] = given.get(key, 0) + vote["points"]
            if given[key] > self.workshop["vote_budget"]:
                raise InvalidInput(
                    f"votes: participant {key[0]} gives more than the budget of "
                    f"{self.workshop['vote_budget']} points in round {key[1]}"
                )
        return votes

    def _snapshot(self, rows: Any, path: str) -> list[dict]:
        """A whole shortlist (current or in the history), by candidate and goal ids of the file."""
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise InvalidInput(f"{path}: must be a list of objects")
        items = []
        for i, row in enumerate(rows):
            item_path = f"{path}[{i}]."
            goal_ids = row.get("goal_ids", [])
            if not isinstance(goal_ids, list):
                raise InvalidInput(f"{item_path}goal_ids: must be a list")
            known_goals = [
                _known(goal, f"{item_path}goal_ids[{j}]", self.goals) for j, goal in enumerate(goal_ids)
            ]
            _unique(known_goals, f"{item_path}goal_ids", "a goal")
            items.append(
                {
                    **clean(SNAPSHOT_FIELDS, _without(row, "candidate_id", "goal_ids"), path=item_path),
                    "candidate_id": _ref(row, "candidate_id", item_path, self.candidates),
                    "goal_ids": known_goals,
                }
            )
        _unique([item["candidate_id"] for item in items], path, "a KPI")
        return items

    def write(self, part: Part, workshop_id: int) -> None:
        """Insert everything into the new workshop, mapping the file's ids to new ones."""
        owned = {"workshop_id": workshop_id}
        people = {
            old: part.insert_row(
                "participants", {**values, **owned, "name_key": FACILITATOR_KEY if values["is_facilitator"]
                                 else name_key(values["name"])}
            )
            for old, values in self.participants.items()
        }
        goals = {
            old: part.insert_row("goals", {**values, **owned, "position": position})
            for position, (old, values) in enumerate(self.goals.items(), start=1)
        }
        for values in self.status_kpis:
            part.insert_row("status_kpis", {**values, **owned})
        kpis = {
            old: part.insert_row(
                "candidates", {**values, **owned, "proposed_by": people.get(values["proposed_by"])}
            )
            for old, values in self.candidates.items()
        }
        for vote in self.votes:
            part.insert_row(
                "votes",
                {**vote, **owned, "participant_id": people[vote["participant_id"]],
                 "candidate_id": kpis[vote["candidate_id"]]},
            )

        def remap(snapshot: list[dict]) -> list[dict]:
            return [
                {**sql_values(item), "candidate_id": kpis[item["candidate_id"]],
                 "goal_ids": sorted(goals[goal] for goal in item["goal_ids"])}
                for item in snapshot
            ]

        part.store.shortlist.restore(workshop_id, remap(self.shortlist))
        for values, snapshot in self.history:
            part.insert_row(
                "shortlist_history", {**values, **owned, "snapshot": json.dumps(remap(snapshot))}
            )
        for values in self.funnel:
            part.insert_row("funnel", {**values, **owned})
        for old, values in self.measurements:
            part.store.measurements.upsert(workshop_id, kpis[old], values)
        for values in self.tasks:
            part.insert_row("tasks", {**values, **owned})
        for old, values in self.reviews:
            part.insert_row("reviews", {**values, **owned, "candidate_id": kpis.get(old)})
