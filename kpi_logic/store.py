"""The workshop store: one SQLite file behind a facade that pages, tests and outside checks use.

Every method checks its input before it writes, scopes each query to one workshop and makes every
multi-step change in one BEGIN IMMEDIATE transaction (`db.write`), so concurrent clicks from many
threads and processes never lose a vote or pass a budget.
"""

from __future__ import annotations

import contextlib
import json
import math
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import groupby
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
from sqlite_utils import Database
from sqlite_utils.utils import dedupe_keys

from kpi_logic import config, voting
from kpi_logic.db import Connections, enable_wal, retry_locked, storage_error, write
from kpi_logic.domain import (
    CADENCES,
    DEFAULT_LANGUAGE,
    LANGUAGES,
    OWNER_TEAMS,
    PARTICIPANT_TEAMS,
    PHASES,
    STAGES,
)
from kpi_logic.errors import (
    InvalidImport,
    InvalidInput,
    NotFound,
    PinLocked,
    VoteBudgetExceeded,
    VotingClosed,
    VotingNeedsGoal,
    WrongWorkshop,
)
from kpi_logic.migrations import apply_migrations
from kpi_logic.security import (
    hash_pin,
    new_join_code,
    new_share_token,
    normalise_join_code,
    validate_pin,
    verify_pin,
)

__all__ = ["WorkshopStore", "VoteBudgetExceeded"]

NAME_MAX = 80
KPI_NAME_MAX = 120
TEXT_MAX = 2_000
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2100, 12, 31)
MAX_GOALS = 3
MAX_ROUND = 100

PIN_MAX_FAILURES = 5
PIN_WINDOW_SECONDS = 10 * 60
PIN_LOCK_SECONDS = 5 * 60

APPROVED, PENDING, REJECTED = "approved", "pending", "rejected"
CANDIDATE_STATUSES: tuple[str, ...] = (APPROVED, PENDING, REJECTED)
VERDICTS: tuple[str, ...] = ("keep", "drop", "vanity")
REVIEW_DECISIONS: tuple[str, ...] = ("keep", "change_target", "replace")
FACILITATOR_NAME = "Moderation"
FACILITATOR_TEAM = "leadership"
UNDO_ACTION = "undo"
ADDED, REMOVED, REORDERED, UPDATED = "add", "remove", "order", "update"
HISTORY_KINDS: tuple[str, ...] = (ADDED, REMOVED, REORDERED, UPDATED)

EXPORT_FORMAT = "kpi-workshop"
EXPORT_VERSION = 1

T = TypeVar("T")


# ---------------------------------------------------------------- values handed to callers


@dataclass(frozen=True)
class Workshop:
    """A workshop's settings (everything but the PIN hash)."""

    id: int
    name: str
    company: str
    language: str
    vote_budget: int
    per_kpi_cap: int
    phase: str
    voting_open: bool
    results_hidden: bool
    anonymous: bool
    facilitator_votes: bool
    round: int
    finalised: bool
    join_code: str
    share_token: str
    workshop_date: date | None
    is_demo: bool
    created_at: str


@dataclass(frozen=True)
class Participant:
    """Someone who joined a workshop with a name and a team."""

    id: int
    workshop_id: int
    name: str
    team: str
    is_facilitator: bool
    created_at: str


@dataclass(frozen=True)
class Goal:
    """A business goal the KPIs must serve (at most three per workshop)."""

    id: int
    workshop_id: int
    title: str
    metric: str
    baseline: float | None
    target: float | None
    deadline: date | None
    position: int


@dataclass(frozen=True)
class StatusKpi:
    """A KPI the company tracks today, with the workshop's keep/drop/vanity verdict."""

    id: int
    workshop_id: int
    name: str
    description: str
    current_value: str
    verdict: str | None


@dataclass(frozen=True)
class Candidate:
    """A KPI up for the vote: a catalogue KPI or a custom one (name in the workshop's language)."""

    id: int
    catalog_id: str | None
    name: str
    definition: str
    stage: str | None
    team: str | None
    status: str
    in_runoff: bool
    proposed_by: int | None


@dataclass(frozen=True)
class ShortlistEntry:
    """A chosen KPI with what makes it steerable: owner, baseline, target, cadence, source, goals."""

    id: int
    candidate_id: int
    catalog_id: str | None
    name: str
    position: int
    owner: str
    baseline: float | None
    target: float | None
    target_date: date | None
    cadence: str | None
    data_source: str
    goal_ids: tuple[int, ...]


@dataclass(frozen=True)
class HistoryChange:
    """One part of a shortlist change as data: a KPI added or removed, a new order, or a field's values."""

    kind: str  # one of HISTORY_KINDS
    kpi: str = ""
    field: str = ""  # a SHORTLIST_FIELDS name or "goal_ids" (then old and new are goal titles)
    old: Any = None  # as stored: numbers, ISO dates, text, lists of goal titles
    new: Any = None


@dataclass(frozen=True)
class HistoryEntry:
    """One change of the shortlist: who, when, what (readable) and whether it was undone."""

    id: int
    actor: str
    at: str
    action: str
    summary: str  # in English, kept for exports and for rows written before `changes`
    undone: bool
    changes: tuple[HistoryChange, ...] | None = None  # None in rows written before it was kept


@dataclass(frozen=True)
class FunnelFigure:
    """Volumes and spend of one funnel stage, today and as a target."""

    stage: str
    baseline_volume: float | None
    target_volume: float | None
    spend: float | None


@dataclass(frozen=True)
class Task:
    """One action-plan task, tied to one of the article's five steps."""

    id: int
    workshop_id: int
    step: int
    title: str
    owner: str
    due: date | None
    done: bool


@dataclass(frozen=True)
class Review:
    """A KPI review meeting after the workshop and what it decided."""

    id: int
    workshop_id: int
    date: date
    participants: str
    decision: str
    candidate_id: int | None
    note: str


_DATE_COLUMNS = frozenset({"workshop_date", "deadline", "target_date", "due", "date", "period"})
_BOOL_COLUMNS = frozenset(
    {
        "voting_open",
        "results_hidden",
        "anonymous",
        "facilitator_votes",
        "finalised",
        "is_demo",
        "is_facilitator",
        "in_runoff",
        "done",
        "undone",
    }
)


def _from_row(cls: type[T], row: Mapping[str, Any], **overrides: Any) -> T:
    """A value object from a table row, with dates and flags in their Python types."""
    values = {}
    for field in fields(cls):  # type: ignore[arg-type]
        value = overrides[field.name] if field.name in overrides else row[field.name]
        if field.name in _DATE_COLUMNS and isinstance(value, str):
            value = date.fromisoformat(value)
        elif field.name in _BOOL_COLUMNS:
            value = bool(value)
        values[field.name] = value
    return cls(**values)


# ---------------------------------------------------------------- input checks

Validator = Callable[[Any, str], Any]


def text(max_length: int = NAME_MAX, *, required: bool = True, multiline: bool = False) -> Validator:
    """A validator for stripped text of 1–max_length characters (0 allowed when not required)."""

    def check(value: Any, field: str) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            raise InvalidInput(
                f"{field}: must be text, got {value!r}", key="errors.text_type", field=field
            )
        cleaned = value.strip()
        if required and not cleaned:
            raise InvalidInput(f"{field}: must not be empty", key="errors.empty", field=field)
        if len(cleaned) > max_length:
            raise InvalidInput(
                f"{field}: at most {max_length} characters, got {len(cleaned)}",
                key="errors.too_long", field=field, max=max_length, length=len(cleaned),
            )
        # Line breaks are fine in descriptions and notes; other control characters only break
        # exports and layouts.
        allowed = "\n\t" if multiline else ""
        if any(not ch.isprintable() and ch not in allowed for ch in cleaned):
            raise InvalidInput(
                f"{field}: must not contain control characters", key="errors.control_chars", field=field
            )
        return cleaned

    return check


def number(*, minimum: float | None = None, required: bool = False) -> Validator:
    """A validator for a finite number (None allowed unless required)."""

    def check(value: Any, field: str) -> float | None:
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InvalidInput(
                f"{field}: must be a number, got {value!r}", key="errors.not_number", field=field
            )
        if not math.isfinite(value):
            raise InvalidInput(
                f"{field}: must be a finite number, got {value!r}", key="errors.not_finite", field=field
            )
        if minimum is not None and value < minimum:
            raise InvalidInput(
                f"{field}: must be at least {minimum}, got {value!r}",
                key="errors.below_min", field=field, minimum=minimum,
            )
        return float(value)

    return check


def integer(low: int | None = None, high: int | None = None) -> Validator:
    """A validator for a whole number in low..high (bools and floats refused)."""

    def check(value: Any, field: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput(
                f"{field}: must be a whole number, got {value!r}", key="errors.not_whole", field=field
            )
        if (low is not None and value < low) or (high is not None and value > high):
            raise InvalidInput(
                f"{field}: must be between {low} and {high}, got {value}",
                key="errors.out_of_range", field=field, low=low, high=high,
            )
        return value

    return check


def day(*, required: bool = False) -> Validator:
    """A validator for a date (or ISO text) between 2000-01-01 and 2100-12-31."""

    def check(value: Any, field: str) -> date | None:
        if value is None and not required:
            return None
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value.strip())
            except ValueError:
                raise InvalidInput(
                    f"{field}: not a date (YYYY-MM-DD): {value!r}", key="errors.not_date", field=field
                ) from None
        if isinstance(value, datetime):
            value = value.date()
        if not isinstance(value, date):
            raise InvalidInput(
                f"{field}: must be a date, got {value!r}", key="errors.not_date", field=field
            )
        if not FIRST_DAY <= value <= LAST_DAY:
            raise InvalidInput(
                f"{field}: must lie between {FIRST_DAY} and {LAST_DAY}",
                key="errors.date_range", field=field, first=FIRST_DAY, last=LAST_DAY,
            )
        return value

    return check


def choice(options: Iterable[str], *, required: bool = True) -> Validator:
    """A validator for one of `options` (None allowed unless required)."""
    allowed = tuple(options)

    def check(value: Any, field: str) -> str | None:
        if value is None and not required:
            return None
        if value not in allowed:
            raise InvalidInput(
                f"{field}: must be one of {', '.join(allowed)}, got {value!r}",
                key="errors.not_choice", field=field, options=", ".join(allowed),
            )
        return value

    return check


def flag() -> Validator:
    """A validator for a true/false setting."""

    def check(value: Any, field: str) -> bool:
        if not isinstance(value, bool):
            raise InvalidInput(
                f"{field}: must be true or false, got {value!r}", key="errors.not_flag", field=field
            )
        return value

    return check


def timestamp() -> Validator:
    """A validator for an ISO date-time text as stored in created_at columns."""

    def check(value: Any, field: str) -> str:
        if not isinstance(value, str):
            raise InvalidInput(f"{field}: must be an ISO date-time, got {value!r}")
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise InvalidInput(f"{field}: must be an ISO date-time, got {value!r}") from None
        return value

    return check


Spec = Mapping[str, Validator]

SETTINGS_FIELDS: Spec = {
    "name": text(),
    "company": text(required=False),
    "language": choice(LANGUAGES),
    # Ranges only; the cap-within-budget rule needs both values (voting.validate_cap).
    "vote_budget": integer(voting.MIN_POINTS_SETTING, voting.MAX_POINTS_SETTING),
    "per_kpi_cap": integer(voting.MIN_POINTS_SETTING, voting.MAX_POINTS_SETTING),
    "phase": choice(PHASES),
    "voting_open": flag(),
    "results_hidden": flag(),
    "anonymous": flag(),
    "facilitator_votes": flag(),
    "finalised": flag(),
}
WORKSHOP_FIELDS: Spec = {
    **SETTINGS_FIELDS,
    "round": integer(1, MAX_ROUND),
    "workshop_date": day(),
    "is_demo": flag(),
    "created_at": timestamp(),
}
PARTICIPANT_FIELDS: Spec = {
    "name": text(),
    "team": choice(PARTICIPANT_TEAMS),
    "is_facilitator": flag(),
    "created_at": timestamp(),
}
GOAL_FIELDS: Spec = {
    "title": text(KPI_NAME_MAX),
    "metric": text(KPI_NAME_MAX, required=False),
    "baseline": number(),
    "target": number(),
    "deadline": day(),
}
STATUS_FIELDS: Spec = {
    "name": text(KPI_NAME_MAX),
    "description": text(TEXT_MAX, required=False, multiline=True),
    "current_value": text(NAME_MAX, required=False),
    "verdict": choice(VERDICTS, required=False),
}
CUSTOM_KPI_FIELDS: Spec = {
    "name": text(KPI_NAME_MAX),
    "definition": text(TEXT_MAX, required=False, multiline=True),
    "stage": choice(STAGES, required=False),
    "team": choice(OWNER_TEAMS, required=False),
}
SHORTLIST_FIELDS: Spec = {
    "owner": text(required=False),
    "baseline": number(),
    "target": number(),
    "target_date": day(),
    "cadence": choice(CADENCES, required=False),
    "data_source": text(KPI_NAME_MAX, required=False),
}
FUNNEL_FIELDS: Spec = {
    "stage": choice(STAGES),
    "baseline_volume": number(minimum=0),
    "target_volume": number(minimum=0),
    "spend": number(minimum=0),
}
MEASUREMENT_FIELDS: Spec = {
    "period": day(required=True),
    "value": number(required=True),
    "note": text(TEXT_MAX, required=False, multiline=True),
}
TASK_FIELDS: Spec = {
    "step": integer(1, 5),
    "title": text(KPI_NAME_MAX),
    "owner": text(required=False),
    "due": day(),
    "done": flag(),
}
REVIEW_FIELDS: Spec = {
    "date": day(required=True),
    "participants": text(TEXT_MAX, required=False, multiline=True),
    "decision": choice(REVIEW_DECISIONS),
    "note": text(TEXT_MAX, required=False, multiline=True),
}


def clean(spec: Spec, values: Mapping[str, Any], *, partial: bool = False, path: str = "") -> dict:
    """Checked values for the fields in `spec`; unknown fields are refused.

    With partial=False, missing fields get their validator's default (or fail when required).
    `path` prefixes field names in messages (e.g. "goals[2].").
    """
    unknown = sorted(set(values) - set(spec))
    if unknown:
        raise InvalidInput(
            f"{path}{unknown[0]}: unknown field", key="errors.unknown_field", field=f"{path}{unknown[0]}"
        )
    names = [name for name in spec if name in values] if partial else list(spec)
    return {name: spec[name](values.get(name), f"{path}{name}") for name in names}


_id = integer()
def _sql_value(value: Any) -> Any:
    """A Python value as SQLite stores it: dates as ISO text, flags as 0/1."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _sql_values(values: Mapping[str, Any]) -> dict[str, Any]:
    return {key: _sql_value(value) for key, value in values.items()}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


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


class WorkshopStore:
    """All workshops in one SQLite file; safe to share between threads and processes."""

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        catalog: Mapping[str, Any] | None = None,
        clock: Callable[[], float] = time.time,
    ):
        """Open (creating or migrating) the file; `catalog` and `clock` are for tests."""
        self.path = Path(path) if path is not None else config.db_path()
        self._connections = Connections(self.path)
        self._catalog_override = catalog
        self._clock = clock
        db = self._connections.get(create=True)
        enable_wal(db)
        apply_migrations(db)

    # -- plumbing

    @property
    def db(self) -> Database:
        """This thread's connection."""
        return self._connections.get()

    def close(self) -> None:
        """Close this thread's connection (others close when their thread ends)."""
        self._connections.close()

    def _write(self) -> contextlib.AbstractContextManager[Database]:
        """A BEGIN IMMEDIATE transaction on this thread's connection (see db.write)."""
        return write(self.db)

    def _rows(self, sql: str, params: Mapping[str, Any] | Iterable[Any] = ()) -> list[dict]:
        """The rows of a SELECT as dicts, read straight through the driver.

        sqlite-utils' query() wraps every read in SAVEPOINT/RELEASE (three statements per read);
        on the hot paths (a vote is four reads and a write) that was half the statements.
        """

        def fetch() -> list[dict]:
            cursor = self.db.conn.execute(sql, params)
            keys = dedupe_keys(column[0] for column in cursor.description)
            return [dict(zip(keys, row)) for row in cursor]

        try:
            return retry_locked(fetch)
        except sqlite3.OperationalError as error:
            raise storage_error(error) from error

    def _row(self, sql: str, params: Mapping[str, Any] | Iterable[Any], missing: str) -> dict:
        rows = self._rows(sql, params)
        if not rows:
            raise NotFound(missing)
        return rows[0]

    def _insert(self, table: str, values: Mapping[str, Any]) -> int:
        columns = ", ".join(values)
        marks = ", ".join(f":{key}" for key in values)
        cursor = self.db.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", _sql_values(values)
        )
        return int(cursor.lastrowid)

    def _update(self, table: str, row_id: int, values: Mapping[str, Any]) -> None:
        if values:
            assignments = ", ".join(f"{key} = :{key}" for key in values)
            self.db.execute(
                f"UPDATE {table} SET {assignments} WHERE id = :_id",
                {**_sql_values(values), "_id": row_id},
            )

    def _owned(self, table: str, workshop_id: int, row_id: Any, what: str) -> dict:
        """The row `row_id` of `table`; NotFound if missing, WrongWorkshop if it is another's."""
        row = self._row(
            f"SELECT * FROM {table} WHERE id = ?", [_id(row_id, f"{what} id")], f"No {what} {row_id}."
        )
        if row["workshop_id"] != workshop_id:
            raise WrongWorkshop(f"{what.capitalize()} {row_id} belongs to another workshop.")
        return row

    def _edit(self, table: str, what: str, spec: Spec, workshop_id: int, row_id: int,
              changes: Mapping[str, Any]) -> dict:
        """Checked partial update of one row of a workshop; the updated row."""
        values = clean(spec, changes, partial=True)
        with self._write():
            self._owned(table, workshop_id, row_id, what)
            self._update(table, row_id, values)
        return self._owned(table, workshop_id, row_id, what)

    def _delete(self, table: str, what: str, workshop_id: int, row_id: int) -> None:
        with self._write():
            self._owned(table, workshop_id, row_id, what)
            self.db.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])

    def _list(self, cls: type[T], table: str, workshop_id: int, order: str) -> list[T]:
        self.get_workshop(workshop_id)
        rows = self._rows(
            f"SELECT * FROM {table} WHERE workshop_id = ? ORDER BY {order}", [workshop_id]
        )
        return [_from_row(cls, row) for row in rows]

    def _catalog(self) -> Mapping[str, Any]:
        if self._catalog_override is None:
            # Imported lazily: the store works (and its tests run) without reading the CSV.
            from kpi_logic.catalog import catalog_by_id

            return catalog_by_id()
        return self._catalog_override

    # -- workshops

    def create_workshop(
        self,
        name: str,
        facilitator_pin: str,
        vote_budget: int = voting.DEFAULT_BUDGET,
        language: str = DEFAULT_LANGUAGE,
        per_kpi_cap: int = voting.DEFAULT_CAP,
        company: str = "",
        workshop_date: date | str | None = None,
        is_demo: bool = False,
        voting_open: bool = True,
    ) -> Workshop:
        """A new workshop with a fresh join code and share token.

        Voting starts open so the store works on its own; the app creates workshops with voting
        closed, to be opened once there is a goal.
        """
        values = clean(
            WORKSHOP_FIELDS,
            {"name": name, "company": company, "language": language,
             "workshop_date": workshop_date, "is_demo": is_demo},
            partial=True,
        )
        values["voting_open"] = bool(voting_open)
        values["vote_budget"] = voting.validate_budget(vote_budget)
        values["per_kpi_cap"] = voting.validate_cap(per_kpi_cap, vote_budget)
        values["pin_hash"] = hash_pin(validate_pin(facilitator_pin))
        values.update(phase=PHASES[0], created_at=_now())
        with self._write():
            workshop_id = self._insert_workshop(values)
        return self.get_workshop(workshop_id)

    def _insert_workshop(self, values: dict) -> int:
        """Insert a workshop row with a join code and share token no other workshop has."""
        while True:
            join_code, share_token = new_join_code(), new_share_token()
            taken = self._rows(
                "SELECT 1 FROM workshops WHERE join_code = ? OR share_token = ?",
                [join_code, share_token],
            )
            if not taken:
                return self._insert(
                    "workshops", {**values, "join_code": join_code, "share_token": share_token}
                )

    def get_workshop(self, workshop_id: int) -> Workshop:
        """The workshop, or NotFound."""
        row = self._row(
            "SELECT * FROM workshops WHERE id = ?",
            [_id(workshop_id, "workshop id")],
            f"No workshop {workshop_id}.",
        )
        return _from_row(Workshop, row)

    def workshops(self) -> list[Workshop]:
        """Every workshop in the file, newest first (for the facilitator's start page)."""
        rows = self._rows("SELECT * FROM workshops ORDER BY created_at DESC, id DESC")
        return [_from_row(Workshop, row) for row in rows]

    def workshop_by_join_code(self, code: str) -> Workshop:
        """The workshop with this join code (case and spaces ignored), or NotFound."""
        row = self._row(
            "SELECT * FROM workshops WHERE join_code = ?",
            [normalise_join_code(code)],
            f"No workshop with join code {code!r}.",
        )
        return _from_row(Workshop, row)

    def workshop_by_share_token(self, token: str) -> Workshop:
        """The workshop behind a share link, or NotFound."""
        row = self._row(
            "SELECT * FROM workshops WHERE share_token = ?",
            [str(token).strip()],
            "No workshop for this share link.",
        )
        return _from_row(Workshop, row)

    def check_pin(self, workshop_id: int, pin: str) -> bool:
        """Whether `pin` is the facilitator PIN; PinLocked after repeated failures.

        Five wrong PINs within ten minutes pause checking for five minutes, which makes guessing
        a four-digit PIN through the page impractical.
        """
        row = self._row(
            "SELECT w.pin_hash, a.locked_until FROM workshops w "
            "LEFT JOIN pin_attempts a ON a.workshop_id = w.id WHERE w.id = ?",
            [_id(workshop_id, "workshop id")],
            f"No workshop {workshop_id}.",
        )
        now = self._clock()
        if row["locked_until"] is not None and row["locked_until"] > now:
            raise PinLocked(math.ceil(row["locked_until"] - now))
        # The slow hash runs outside the write lock, so a PIN check never holds up voters.
        if verify_pin(pin, row["pin_hash"]):
            with self._write():
                self.db.execute("DELETE FROM pin_attempts WHERE workshop_id = ?", [workshop_id])
            return True
        with self._write():
            self._record_failed_pin(workshop_id, now)
        return False

    def _record_failed_pin(self, workshop_id: int, now: float) -> None:
        attempts = self._rows("SELECT * FROM pin_attempts WHERE workshop_id = ?", [workshop_id])
        first, count = now, 1
        if attempts and attempts[0]["first_failed_at"] is not None:
            if now - attempts[0]["first_failed_at"] <= PIN_WINDOW_SECONDS:
                first, count = attempts[0]["first_failed_at"], attempts[0]["failed_count"] + 1
        locked_until = now + PIN_LOCK_SECONDS if count >= PIN_MAX_FAILURES else None
        if locked_until is not None:
            first, count = None, 0
        self.db.execute(
            "INSERT INTO pin_attempts (workshop_id, failed_count, first_failed_at, locked_until) "
            "VALUES (:w, :c, :f, :l) ON CONFLICT (workshop_id) DO UPDATE SET "
            "failed_count = :c, first_failed_at = :f, locked_until = :l",
            {"w": workshop_id, "c": count, "f": first, "l": locked_until},
        )

    def update_settings(self, workshop_id: int, **changes: Any) -> Workshop:
        """Change workshop settings (known keys only); the cap must stay within the budget.

        Lowering the budget below what people already gave is allowed: the page then shows who is
        over budget and `set_points` only accepts changes that bring them down.
        """
        values = clean(SETTINGS_FIELDS, changes, partial=True)
        with self._write():
            current = self.get_workshop(workshop_id)
            if values.get("voting_open") and not current.voting_open and not self.goals(workshop_id):
                raise VotingNeedsGoal("Voting can only open once the workshop has a business goal.")
            budget = voting.validate_budget(values.get("vote_budget", current.vote_budget))
            voting.validate_cap(values.get("per_kpi_cap", current.per_kpi_cap), budget)
            self._update("workshops", workshop_id, values)
        return self.get_workshop(workshop_id)

    def delete_workshop(self, workshop_id: int) -> None:
        """Delete the workshop and everything in it."""
        with self._write():
            self.get_workshop(workshop_id)
            self.db.execute("DELETE FROM workshops WHERE id = ?", [workshop_id])

    # -- participants

    def join_workshop(self, join_code: str, name: str, team: str) -> Participant:
        """The participant `name` in the workshop with this code; the same name returns the same one."""
        workshop = self.workshop_by_join_code(join_code)
        values = clean(PARTICIPANT_FIELDS, {"name": name, "team": team}, partial=True)
        with self._write():
            return self._participant_named(workshop.id, values["name"], values["team"], False)

    def facilitator_participant(self, workshop_id: int, name: str = FACILITATOR_NAME) -> Participant:
        """The facilitator's own participant (for workshops where the facilitator votes too)."""
        name = clean(PARTICIPANT_FIELDS, {"name": name}, partial=True)["name"]
        with self._write():
            self.get_workshop(workshop_id)
            rows = self._rows(
                "SELECT * FROM participants WHERE workshop_id = ? AND is_facilitator = 1 "
                "ORDER BY id LIMIT 1",
                [workshop_id],
            )
            if rows:
                return _from_row(Participant, rows[0])
            participant = self._participant_named(workshop_id, name, FACILITATOR_TEAM, True)
            if not participant.is_facilitator:
                raise InvalidInput(f"name: {name!r} is already a participant's name")
            return participant

    def _participant_named(
        self, workshop_id: int, name: str, team: str, is_facilitator: bool
    ) -> Participant:
        """The participant with this name (case-insensitive), created if new; inside a write."""
        key = name.casefold()
        rows = self._rows(
            "SELECT * FROM participants WHERE workshop_id = ? AND name_key = ?", [workshop_id, key]
        )
        if rows:
            return _from_row(Participant, rows[0])
        participant_id = self._insert(
            "participants",
            {"workshop_id": workshop_id, "name": name, "name_key": key, "team": team,
             "is_facilitator": is_facilitator, "created_at": _now()},
        )
        return self.get_participant(participant_id)

    def participants(self, workshop_id: int) -> list[Participant]:
        """Everyone who joined, in joining order."""
        return self._list(Participant, "participants", workshop_id, "id")

    def get_participant(self, participant_id: int) -> Participant:
        """The participant, or NotFound."""
        row = self._row(
            "SELECT * FROM participants WHERE id = ?",
            [_id(participant_id, "participant id")],
            f"No participant {participant_id}.",
        )
        return _from_row(Participant, row)

    # -- goals

    def add_goal(
        self,
        workshop_id: int,
        title: str,
        metric: str = "",
        baseline: float | None = None,
        target: float | None = None,
        deadline: date | str | None = None,
    ) -> Goal:
        """A new goal at the end of the list; a workshop has at most three."""
        values = clean(
            GOAL_FIELDS,
            {"title": title, "metric": metric, "baseline": baseline, "target": target,
             "deadline": deadline},
        )
        with self._write():
            self.get_workshop(workshop_id)
            (row,) = self._rows(
                "SELECT COUNT(*) AS n, COALESCE(MAX(position), 0) AS last "
                "FROM goals WHERE workshop_id = ?",
                [workshop_id],
            )
            if row["n"] >= MAX_GOALS:
                raise InvalidInput(
                    f"goals: at most {MAX_GOALS} goals per workshop",
                    key="errors.too_many_goals", max=MAX_GOALS,
                )
            goal_id = self._insert(
                "goals", {**values, "workshop_id": workshop_id, "position": row["last"] + 1}
            )
        return self._goal(workshop_id, goal_id)

    def _goal(self, workshop_id: int, goal_id: int) -> Goal:
        return _from_row(Goal, self._owned("goals", workshop_id, goal_id, "goal"))

    def update_goal(self, workshop_id: int, goal_id: int, **fields: Any) -> Goal:
        """Change a goal's title, metric, baseline, target or deadline."""
        return _from_row(Goal, self._edit("goals", "goal", GOAL_FIELDS, workshop_id, goal_id, fields))

    def delete_goal(self, workshop_id: int, goal_id: int) -> None:
        """Delete a goal; shortlisted KPIs lose their link to it."""
        self._delete("goals", "goal", workshop_id, goal_id)

    def goals(self, workshop_id: int) -> list[Goal]:
        """The workshop's goals in order."""
        return self._list(Goal, "goals", workshop_id, "position, id")

    # -- status quo

    def add_status_kpi(
        self,
        workshop_id: int,
        name: str,
        description: str = "",
        current_value: str = "",
        verdict: str | None = None,
    ) -> StatusKpi:
        """A KPI the company tracks today."""
        row = {"name": name, "description": description, "current_value": current_value,
               "verdict": verdict}
        return self.add_status_kpis(workshop_id, [row])[0]

    def add_status_kpis(self, workshop_id: int, rows: list[dict]) -> list[StatusKpi]:
        """Several status-quo KPIs at once (e.g. pasted from a sheet): all or nothing."""
        cleaned = [clean(STATUS_FIELDS, row, path=f"rows[{i}].") for i, row in enumerate(rows)]
        with self._write():
            self.get_workshop(workshop_id)
            ids = [self._insert("status_kpis", {**row, "workshop_id": workshop_id}) for row in cleaned]
        return [self._status_kpi(workshop_id, status_id) for status_id in ids]

    def _status_kpi(self, workshop_id: int, status_id: int) -> StatusKpi:
        return _from_row(StatusKpi, self._owned("status_kpis", workshop_id, status_id, "status KPI"))

    def set_status_verdict(self, workshop_id: int, status_id: int, verdict: str | None) -> StatusKpi:
        """Keep, drop or flag as vanity (None clears the verdict)."""
        row = self._edit(
            "status_kpis", "status KPI", STATUS_FIELDS, workshop_id, status_id, {"verdict": verdict}
        )
        return _from_row(StatusKpi, row)

    def delete_status_kpi(self, workshop_id: int, status_id: int) -> None:
        """Remove a status-quo KPI."""
        self._delete("status_kpis", "status KPI", workshop_id, status_id)

    def set_status_verdicts(
        self, workshop_id: int, verdicts: Mapping[int, str | None], remove: Iterable[int] = ()
    ) -> None:
        """Judge and remove several status-quo KPIs in one go: all or nothing."""
        judged = {
            _id(status_id, "status id"): clean(STATUS_FIELDS, {"verdict": verdict}, partial=True)
            for status_id, verdict in verdicts.items()
        }
        removed = [_id(status_id, "status id") for status_id in remove]
        with self._write():
            for status_id in [*judged, *removed]:
                self._owned("status_kpis", workshop_id, status_id, "status KPI")
            for status_id, values in judged.items():
                self._update("status_kpis", status_id, values)
            self.db.execute(
                "DELETE FROM status_kpis WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(removed)]
            )

    def status_kpis(self, workshop_id: int) -> list[StatusKpi]:
        """Today's KPIs in the order they were entered."""
        return self._list(StatusKpi, "status_kpis", workshop_id, "id")

    # -- candidates

    def add_candidate(
        self,
        workshop_id: int,
        catalog_id: str | None = None,
        *,
        name: str | None = None,
        definition: str = "",
        stage: str | None = None,
        team: str | None = None,
        proposed_by: int | None = None,
        status: str = APPROVED,
    ) -> int:
        """Put a catalogue KPI (once per workshop: its existing id is returned) or a custom one up for the vote."""
        if (catalog_id is None) == (name is None):
            raise InvalidInput("catalog_id: give either a catalogue id or a name, not both")
        status = choice((APPROVED, PENDING))(status, "status")
        if catalog_id is not None:
            kpi = self._catalog().get(catalog_id)
            if kpi is None:
                raise InvalidInput(f"catalog_id: unknown catalogue KPI {catalog_id!r}")
            values = {"catalog_id": catalog_id, "stage": kpi.stage, "team": kpi.team}
        else:
            values = clean(
                CUSTOM_KPI_FIELDS,
                {"name": name, "definition": definition, "stage": stage, "team": team},
            )
        with self._write():
            self.get_workshop(workshop_id)
            if proposed_by is not None:
                self._participant_in(workshop_id, proposed_by)
            if catalog_id is not None:
                existing = self._rows(
                    "SELECT id FROM candidates WHERE workshop_id = ? AND catalog_id = ?",
                    [workshop_id, catalog_id],
                )
                if existing:
                    return existing[0]["id"]
            return self._insert(
                "candidates",
                {**values, "workshop_id": workshop_id, "proposed_by": proposed_by,
                 "status": status, "created_at": _now()},
            )

    def _participant_in(self, workshop_id: int, participant_id: int) -> dict:
        return self._owned("participants", workshop_id, participant_id, "participant")

    def _candidate_in(self, workshop_id: int, candidate_id: int) -> dict:
        return self._owned("candidates", workshop_id, candidate_id, "candidate")

    def set_candidate_status(self, workshop_id: int, candidate_id: int, status: str) -> None:
        """Approve or reject a proposed KPI."""
        status = choice((APPROVED, REJECTED))(status, "status")
        with self._write():
            self._candidate_in(workshop_id, candidate_id)
            self._update("candidates", candidate_id, {"status": status})

    def candidates(
        self, workshop_id: int, statuses: Iterable[str] = (APPROVED,)
    ) -> list[Candidate]:
        """The workshop's candidates with the given statuses, in the order they were added."""
        wanted = [choice(CANDIDATE_STATUSES)(status, "statuses") for status in statuses]
        language = self.get_workshop(workshop_id).language
        marks = ", ".join("?" for _ in wanted) or "NULL"
        rows = self._rows(
            f"SELECT * FROM candidates WHERE workshop_id = ? AND status IN ({marks}) ORDER BY id",
            [workshop_id, *wanted],
        )
        catalog = self._catalog() if any(row["catalog_id"] for row in rows) else {}
        return [self._candidate(row, catalog, language) for row in rows]

    @staticmethod
    def _candidate(row: Mapping[str, Any], catalog: Mapping[str, Any], language: str) -> Candidate:
        name, definition = _kpi_texts(row, catalog, language)
        return _from_row(Candidate, row, name=name, definition=definition)

    def remove_candidate(self, workshop_id: int, candidate_id: int) -> None:
        """Withdraw a candidate with its votes (and its shortlist entry, recorded in the history)."""
        with self._write():
            self._candidate_in(workshop_id, candidate_id)
            entries = self._rows("SELECT id FROM shortlist WHERE candidate_id = ?", [candidate_id])
            if entries:
                name = self._names(workshop_id)[candidate_id]
                self._record_history(workshop_id, "system", "remove", [HistoryChange(REMOVED, name)])
            self.db.execute("DELETE FROM candidates WHERE id = ?", [candidate_id])

    def _names(self, workshop_id: int) -> dict[int, str]:
        """Display name of every candidate of a workshop, in the workshop's language."""
        language = self.get_workshop(workshop_id).language
        rows = self._rows(
            "SELECT id, catalog_id, name, definition FROM candidates WHERE workshop_id = ?",
            [workshop_id],
        )
        catalog = self._catalog() if any(row["catalog_id"] for row in rows) else {}
        return {row["id"]: _kpi_texts(row, catalog, language)[0] for row in rows}

    # -- votes

    def set_points(self, participant_id: int, candidate_id: int, points: int) -> None:
        """Set this participant's points on a candidate (0 removes them), within budget and cap."""
        # Negative points and the budget are voting.check_allocation's to judge.
        points = integer()(points, "points")
        participant_key = _id(participant_id, "participant id")
        candidate_key = _id(candidate_id, "candidate id")
        with self._write() as db:
            # Straight on the connection: the write lock is held (no retry needed) and write()
            # turns a storage failure into StorageError. One read instead of four is what keeps a
            # vote near the speed of a bare insert (benchmarks, section 3).
            cursor = db.conn.execute(
                _BALLOT_SQL, {"participant": participant_key, "candidate": candidate_key}
            )
            cursor.row_factory = sqlite3.Row
            ballot = cursor.fetchone()
            if ballot is None:
                raise NotFound(f"No participant {participant_id}.")
            if ballot["candidate_workshop_id"] is None:
                raise NotFound(f"No candidate {candidate_id}.")
            if ballot["candidate_workshop_id"] != ballot["workshop_id"]:
                raise WrongWorkshop(f"Candidate {candidate_id} belongs to another workshop.")
            _check_voting_allowed(ballot)
            current = {int(key): given for key, given in json.loads(ballot["given"]).items()}
            voting.check_allocation(
                current, candidate_key, points, ballot["vote_budget"], ballot["per_kpi_cap"]
            )
            if points == 0:
                db.conn.execute(
                    "DELETE FROM votes WHERE participant_id = ? AND candidate_id = ? AND round = ?",
                    [participant_key, candidate_key, ballot["round"]],
                )
            else:
                db.conn.execute(
                    "INSERT INTO votes (workshop_id, participant_id, candidate_id, round, points, "
                    "updated_at) VALUES (:w, :p, :c, :r, :points, :at) "
                    "ON CONFLICT (participant_id, candidate_id, round) DO UPDATE SET "
                    "points = :points, updated_at = :at",
                    {"w": ballot["workshop_id"], "p": participant_key, "c": candidate_key,
                     "r": ballot["round"], "points": points, "at": _now()},
                )

    def _points(self, participant_id: int, round_: int) -> dict[int, int]:
        rows = self._rows(
            "SELECT candidate_id, points FROM votes WHERE participant_id = ? AND round = ?",
            [participant_id, round_],
        )
        return {row["candidate_id"]: row["points"] for row in rows}

    def points_of(self, participant_id: int) -> dict[int, int]:
        """The participant's points per candidate in the current round."""
        participant = self.get_participant(participant_id)
        return self._points(participant.id, self.get_workshop(participant.workshop_id).round)

    def points_left(self, participant_id: int) -> int:
        """How many points the participant can still give (0 when over a lowered budget)."""
        participant = self.get_participant(participant_id)
        workshop = self.get_workshop(participant.workshop_id)
        return max(0, workshop.vote_budget - sum(self._points(participant.id, workshop.round).values()))

    def points_used(self, workshop_id: int) -> dict[int, int]:
        """Points each participant has given in the current round; who has not voted is absent."""
        workshop = self.get_workshop(workshop_id)
        rows = self._rows(
            "SELECT participant_id, SUM(points) AS used FROM votes "
            "WHERE workshop_id = ? AND round = ? GROUP BY participant_id",
            [workshop_id, workshop.round],
        )
        return {row["participant_id"]: row["used"] for row in rows}

    def results(self, workshop_id: int) -> pd.DataFrame:
        """Points per approved candidate of the current round, by team, best first (see voting.rank)."""
        workshop = self.get_workshop(workshop_id)
        team_sums = ", ".join(
            f"COALESCE(SUM(CASE p.team WHEN '{team}' THEN v.points END), 0) AS points_{team}"
            for team in PARTICIPANT_TEAMS
        )
        rows = self._rows(
            "SELECT c.id AS candidate_id, c.catalog_id, c.name, c.definition, "
            f"COALESCE(SUM(v.points), 0) AS points, {team_sums}, "
            "COUNT(v.participant_id) AS voters "
            "FROM candidates c "
            "LEFT JOIN votes v ON v.candidate_id = c.id AND v.round = :round "
            "LEFT JOIN participants p ON p.id = v.participant_id "
            "WHERE c.workshop_id = :w AND c.status = :approved AND (:round = 1 OR c.in_runoff = 1) "
            "GROUP BY c.id",
            {"w": workshop_id, "round": workshop.round, "approved": APPROVED},
        )
        catalog = self._catalog() if any(row["catalog_id"] for row in rows) else {}
        for row in rows:
            row["name"] = _kpi_texts(row, catalog, workshop.language)[0]
        frame = pd.DataFrame(rows, columns=[*voting.RESULT_COLUMNS])
        # None rather than NaN for custom KPIs: NaN is truthy and would pass `if row.catalog_id`.
        frame["catalog_id"] = frame["catalog_id"].astype(object).where(frame["catalog_id"].notna(), None)
        frame = frame.astype({column: "int64" for column in voting.RESULT_COLUMNS
                              if column.startswith("points") or column in ("voters", "candidate_id")})
        return voting.rank(frame).drop(columns="rank")

    def vote_table(self, workshop_id: int) -> pd.DataFrame:
        """Every vote of the current round: who (name, team) gave how many points to which candidate."""
        workshop = self.get_workshop(workshop_id)
        rows = self._rows(
            "SELECT v.participant_id, p.name AS participant, p.team, v.candidate_id, v.points "
            "FROM votes v JOIN participants p ON p.id = v.participant_id "
            "WHERE v.workshop_id = ? AND v.round = ? ORDER BY v.participant_id, v.candidate_id",
            [workshop_id, workshop.round],
        )
        return pd.DataFrame(
            rows, columns=["participant_id", "participant", "team", "candidate_id", "points"]
        )

    def start_runoff(self, workshop_id: int, top_n: int) -> None:
        """Start a new round between the current top N candidates, with voting open again."""
        top_n = integer(low=1)(top_n, "top_n")
        with self._write():
            workshop = self.get_workshop(workshop_id)
            finalists = voting.top_n(self.results(workshop_id), top_n)
            self.db.execute(
                "UPDATE candidates SET in_runoff = (id IN (SELECT value FROM json_each(?))) "
                "WHERE workshop_id = ?",
                [json.dumps(finalists), workshop_id],
            )
            self._update("workshops", workshop_id, {"round": workshop.round + 1, "voting_open": True})

    # -- shortlist

    def set_shortlist(self, workshop_id: int, candidate_ids: list[int], actor: str) -> None:
        """Make these candidates the shortlist, in this order; entries that stay keep their data."""
        actor = text()(actor, "actor")
        wanted = [_id(cid, f"candidate_ids[{i}]") for i, cid in enumerate(candidate_ids)]
        if len(set(wanted)) != len(wanted):
            raise InvalidInput("candidate_ids: a KPI appears twice")
        with self._write():
            for cid in wanted:
                self._candidate_in(workshop_id, cid)
            before = self._snapshot(workshop_id)
            if [entry["candidate_id"] for entry in before] == wanted:
                return
            kept = {entry["candidate_id"]: entry for entry in before}
            after = [
                {**kept.get(cid, _empty_entry(cid)), "position": position}
                for position, cid in enumerate(wanted, start=1)
            ]
            names = self._names(workshop_id)
            changes = [HistoryChange(ADDED, names[cid]) for cid in wanted if cid not in kept] + [
                HistoryChange(REMOVED, names[cid]) for cid in kept if cid not in wanted
            ]
            self._record_history(workshop_id, actor, "set", changes or [HistoryChange(REORDERED)], before)
            self._restore(workshop_id, after)

    def shortlist(self, workshop_id: int) -> list[ShortlistEntry]:
        """The shortlist in order, with linked goal ids."""
        language = self.get_workshop(workshop_id).language
        rows = self._rows(
            "SELECT s.*, c.catalog_id, c.name, c.definition, "
            "(SELECT json_group_array(goal_id) FROM "
            "  (SELECT goal_id FROM shortlist_goals g WHERE g.entry_id = s.id ORDER BY goal_id)"
            ") AS goal_json "
            "FROM shortlist s JOIN candidates c ON c.id = s.candidate_id "
            "WHERE s.workshop_id = ? ORDER BY s.position, s.id",
            [workshop_id],
        )
        catalog = self._catalog() if any(row["catalog_id"] for row in rows) else {}
        return [
            _from_row(
                ShortlistEntry,
                row,
                name=_kpi_texts(row, catalog, language)[0],
                goal_ids=tuple(json.loads(row["goal_json"])),
            )
            for row in rows
        ]

    def update_shortlist_entry(
        self, workshop_id: int, entry_id: int, actor: str, **fields: Any
    ) -> ShortlistEntry:
        """Change owner, baseline, target, target date, cadence, data source or goal_ids; recorded."""
        return self.update_shortlist_entries(workshop_id, {entry_id: fields}, actor)[0]

    def update_shortlist_entries(
        self, workshop_id: int, changes: Mapping[int, Mapping[str, Any]], actor: str
    ) -> list[ShortlistEntry]:
        """Change several entries (fields as in `update_shortlist_entry`): all or nothing, one undo step.

        Returns the changed entries in shortlist order.
        """
        actor = text()(actor, "actor")
        wanted = {
            _id(entry_id, "entry id"): _shortlist_values(fields) for entry_id, fields in changes.items()
        }
        with self._write():
            candidate_of = {
                entry_id: self._owned("shortlist", workshop_id, entry_id, "shortlist entry")["candidate_id"]
                for entry_id in wanted
            }
            for values in wanted.values():
                for goal_id in values.get("goal_ids", []):
                    self._goal(workshop_id, goal_id)
            before = self._snapshot(workshop_id)
            current = {item["candidate_id"]: item for item in before}
            names = self._names(workshop_id)
            goal_titles = {goal.id: goal.title for goal in self.goals(workshop_id)}
            updated: dict[int, dict] = {}
            changes = []
            for entry_id, values in wanted.items():
                old = current[candidate_of[entry_id]]
                new = {**old, **_sql_values(values)}
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
                self._record_history(workshop_id, actor, "update", changes, before)
                self._restore(workshop_id, [updated.get(item["candidate_id"], item) for item in before])
        return [item for item in self.shortlist(workshop_id) if item.id in wanted]

    def shortlist_history(self, workshop_id: int) -> list[HistoryEntry]:
        """Every shortlist change, newest first."""
        self.get_workshop(workshop_id)
        rows = self._rows(
            "SELECT * FROM shortlist_history WHERE workshop_id = ? ORDER BY id DESC", [workshop_id]
        )
        return [_history_entry(row) for row in rows]

    def undo(self, workshop_id: int, actor: str) -> HistoryEntry | None:
        """Restore the shortlist as it was before the latest change not yet undone (None: nothing to undo)."""
        actor = text()(actor, "actor")
        with self._write():
            self.get_workshop(workshop_id)
            rows = self._rows(
                "SELECT * FROM shortlist_history WHERE workshop_id = ? AND undone = 0 "
                "AND action != ? ORDER BY id DESC LIMIT 1",
                [workshop_id, UNDO_ACTION],
            )
            if not rows:
                return None
            change = rows[0]
            current = self._snapshot(workshop_id)
            self._restore(workshop_id, json.loads(change["snapshot"]))
            self._update("shortlist_history", change["id"], {"undone": True})
            # The undo row carries what it took back, so the page can say "undone: …" in any language.
            undone = _history_entry(change, undone=True)
            self._record_history(
                workshop_id, actor, UNDO_ACTION, undone.changes, current, f"undone: {change['summary']}"
            )
        return undone

    def _snapshot(self, workshop_id: int) -> list[dict]:
        """The whole shortlist as plain JSON-ready rows keyed by candidate (ids of entries change)."""
        rows = self._rows(
            "SELECT candidate_id, position, owner, baseline, target, target_date, cadence, "
            "data_source, (SELECT json_group_array(goal_id) FROM "
            "  (SELECT goal_id FROM shortlist_goals g WHERE g.entry_id = s.id ORDER BY goal_id)"
            ") AS goal_ids "
            "FROM shortlist s WHERE workshop_id = ? ORDER BY position, id",
            [workshop_id],
        )
        return [{**row, "goal_ids": json.loads(row["goal_ids"])} for row in rows]

    def _restore(self, workshop_id: int, snapshot: list[dict]) -> None:
        """Make the shortlist equal to `snapshot`, skipping KPIs or goals deleted since."""
        existing_candidates = {
            row["id"] for row in self._rows("SELECT id FROM candidates WHERE workshop_id = ?", [workshop_id])
        }
        existing_goals = {
            row["id"] for row in self._rows("SELECT id FROM goals WHERE workshop_id = ?", [workshop_id])
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

    def _record_history(
        self,
        workshop_id: int,
        actor: str,
        action: str,
        changes: Sequence[HistoryChange] | None,
        snapshot: list[dict] | None = None,
        summary: str | None = None,
    ) -> None:
        """A history row; `summary` defaults to the changes in English (None: an old row's undo)."""
        before = self._snapshot(workshop_id) if snapshot is None else snapshot
        self._insert(
            "shortlist_history",
            {"workshop_id": workshop_id, "actor": actor, "at": _now(), "action": action,
             "summary": _summary(changes or ()) if summary is None else summary,
             "snapshot": json.dumps(before), "undone": False,
             "changes": None if changes is None else json.dumps([asdict(c) for c in changes])},
        )

    # -- funnel

    def set_funnel(self, workshop_id: int, rows: list[dict]) -> None:
        """Replace the funnel figures: one row per stage."""
        cleaned = [clean(FUNNEL_FIELDS, row, path=f"rows[{i}].") for i, row in enumerate(rows)]
        stages = [row["stage"] for row in cleaned]
        if len(set(stages)) != len(stages):
            raise InvalidInput("rows: a funnel stage appears twice")
        with self._write():
            self.get_workshop(workshop_id)
            self.db.execute("DELETE FROM funnel WHERE workshop_id = ?", [workshop_id])
            for row in cleaned:
                self._insert("funnel", {**row, "workshop_id": workshop_id})

    def funnel(self, workshop_id: int) -> list[FunnelFigure]:
        """The funnel figures in stage order."""
        self.get_workshop(workshop_id)
        rows = self._rows("SELECT * FROM funnel WHERE workshop_id = ?", [workshop_id])
        rows.sort(key=lambda row: STAGES.index(row["stage"]))
        return [_from_row(FunnelFigure, row) for row in rows]

    # -- after the workshop

    def add_measurement(
        self, workshop_id: int, entry_id: int, period: date | str, value: float, note: str = ""
    ) -> None:
        """Record a shortlisted KPI's value for a period (replacing an earlier value for it)."""
        self.add_measurements(
            workshop_id, [{"entry_id": entry_id, "period": period, "value": value, "note": note}]
        )

    def add_measurements(self, workshop_id: int, rows: list[dict]) -> None:
        """Several measurements at once (e.g. an uploaded sheet): all or nothing."""
        cleaned = []
        for i, row in enumerate(rows):
            values = dict(row)
            entry_id = _id(values.pop("entry_id", None), f"rows[{i}].entry_id")
            cleaned.append((entry_id, clean(MEASUREMENT_FIELDS, values, path=f"rows[{i}].")))
        with self._write():
            for entry_id, values in cleaned:
                entry = self._owned("shortlist", workshop_id, entry_id, "shortlist entry")
                self._upsert_measurement(workshop_id, entry["candidate_id"], values)

    def _upsert_measurement(self, workshop_id: int, candidate_id: int, values: dict) -> None:
        # Measurements belong to the KPI (candidate), so they survive shortlist edits and undo.
        self.db.execute(
            "INSERT INTO measurements (workshop_id, candidate_id, period, value, note) "
            "VALUES (:w, :c, :period, :value, :note) ON CONFLICT (candidate_id, period) "
            "DO UPDATE SET value = :value, note = :note",
            {**_sql_values(values), "w": workshop_id, "c": candidate_id},
        )

    def measurements(self, workshop_id: int) -> pd.DataFrame:
        """All measurements: id, entry_id (None once off the shortlist), candidate_id, name, period, value, note."""
        names = self._names(workshop_id)
        rows = self._rows(
            "SELECT m.id, s.id AS entry_id, m.candidate_id, m.period, m.value, m.note "
            "FROM measurements m LEFT JOIN shortlist s ON s.candidate_id = m.candidate_id "
            "WHERE m.workshop_id = ? ORDER BY m.candidate_id, m.period",
            [workshop_id],
        )
        frame = pd.DataFrame(
            rows, columns=["id", "entry_id", "candidate_id", "period", "value", "note"]
        )
        frame.insert(3, "name", [names[cid] for cid in frame["candidate_id"]])
        frame["period"] = [date.fromisoformat(period) for period in frame["period"]]
        return frame

    def add_task(
        self,
        workshop_id: int,
        step: int,
        title: str,
        owner: str = "",
        due: date | str | None = None,
        done: bool = False,
    ) -> Task:
        """An action-plan task for one of the five steps."""
        values = clean(TASK_FIELDS, {"step": step, "title": title, "owner": owner, "due": due,
                                     "done": done})
        with self._write():
            self.get_workshop(workshop_id)
            task_id = self._insert("tasks", {**values, "workshop_id": workshop_id})
        return _from_row(Task, self._owned("tasks", workshop_id, task_id, "task"))

    def update_task(self, workshop_id: int, task_id: int, **fields: Any) -> Task:
        """Change a task's step, title, owner, due date or done flag."""
        return _from_row(Task, self._edit("tasks", "task", TASK_FIELDS, workshop_id, task_id, fields))

    def delete_task(self, workshop_id: int, task_id: int) -> None:
        """Remove a task."""
        self._delete("tasks", "task", workshop_id, task_id)

    def tasks(self, workshop_id: int) -> list[Task]:
        """The action plan by step, then due date (undated last)."""
        return self._list(Task, "tasks", workshop_id, "step, due IS NULL, due, id")

    def add_review(
        self,
        workshop_id: int,
        date: date | str,
        decision: str,
        participants: str = "",
        candidate_id: int | None = None,
        note: str = "",
    ) -> Review:
        """Record a KPI review: when, who, which KPI and the decision (keep, change target, replace)."""
        values = clean(REVIEW_FIELDS, {"date": date, "decision": decision,
                                       "participants": participants, "note": note})
        with self._write():
            self.get_workshop(workshop_id)
            if candidate_id is not None:
                self._candidate_in(workshop_id, candidate_id)
            review_id = self._insert(
                "reviews", {**values, "workshop_id": workshop_id, "candidate_id": candidate_id}
            )
        return _from_row(Review, self._owned("reviews", workshop_id, review_id, "review"))

    def reviews(self, workshop_id: int) -> list[Review]:
        """Reviews, newest first."""
        return self._list(Review, "reviews", workshop_id, "date DESC, id DESC")

    # -- whole workshop

    def export_workshop(self, workshop_id: int) -> dict:
        """The whole workshop as JSON-ready data (no PIN hash, join code or share token)."""
        workshop = self.get_workshop(workshop_id)

        def rows(sql: str) -> list[dict]:
            return self._rows(sql, {"w": workshop_id})

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
                "shortlist": self._snapshot(workshop_id),
                "shortlist_history": history,
                "funnel": [
                    {key: getattr(figure, key) for key in FUNNEL_FIELDS}
                    for figure in self.funnel(workshop_id)
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

    def import_workshop(self, data: dict, facilitator_pin: str) -> Workshop:
        """A NEW workshop from exported data: everything is checked first, then written at once.

        InvalidImport names the field path of the first problem ("candidates[2].catalog_id: …").
        """
        try:
            plan = _ImportPlan(data, self._catalog())
        except InvalidInput as error:
            raise InvalidImport(
                f"Import refused: {error}", key="errors.import_refused", detail=error
            ) from None
        pin_hash = hash_pin(validate_pin(facilitator_pin))
        with self._write():
            workshop_id = self._insert_workshop({**plan.workshop, "pin_hash": pin_hash})
            plan.write(self, workshop_id)
        return self.get_workshop(workshop_id)

    def backup(self, target_path: str | Path) -> None:
        """Copy the whole database file, consistent even while others write (sqlite3 backup API)."""
        target = Path(target_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        destination = sqlite3.connect(str(target))
        try:
            retry_locked(lambda: self.db.conn.backup(destination))
        except sqlite3.Error as error:
            raise storage_error(error) from error
        finally:
            destination.close()


def _kpi_texts(row: Mapping[str, Any], catalog: Mapping[str, Any], language: str) -> tuple[str, str]:
    """Name and definition of a candidate: the catalogue's in `language`, else the custom ones."""
    catalog_id = row["catalog_id"]
    if catalog_id is None:
        return row["name"], row["definition"]
    kpi = catalog.get(catalog_id)
    if kpi is None:
        # A catalogue KPI removed from the CSV since: still shown, by its id.
        return catalog_id, ""
    return kpi.name.get(language), kpi.definition.get(language)


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
    return _from_row(HistoryEntry, row, changes=parsed, **overrides)


def _shortlist_values(fields: Mapping[str, Any]) -> dict:
    """Checked shortlist fields; goal_ids as a sorted list of distinct ids."""
    fields = dict(fields)
    goal_ids = fields.pop("goal_ids", None)
    values = clean(SHORTLIST_FIELDS, fields, partial=True)
    if goal_ids is not None:
        values["goal_ids"] = sorted({_id(g, "goal_ids") for g in goal_ids})
    return values


def _empty_entry(candidate_id: int) -> dict:
    return {"candidate_id": candidate_id, **dict.fromkeys(SHORTLIST_FIELDS), "owner": "",
            "data_source": "", "goal_ids": []}


# Everything a vote is judged on in one row: the voter and their workshop's settings, the
# candidate (NULL columns when it does not exist) and the voter's current-round points as a JSON
# object {candidate id: points} (one row, not one per vote: half the read time with a full ballot).
_BALLOT_SQL = """
SELECT p.workshop_id, p.is_facilitator,
       w.voting_open, w.finalised, w.facilitator_votes, w.round, w.vote_budget, w.per_kpi_cap,
       c.id AS candidate_id, c.workshop_id AS candidate_workshop_id, c.status, c.in_runoff,
       (SELECT json_group_object(v.candidate_id, v.points) FROM votes v
        WHERE v.participant_id = p.id AND v.round = w.round) AS given
FROM participants p
JOIN workshops w ON w.id = p.workshop_id
LEFT JOIN candidates c ON c.id = :candidate
WHERE p.id = :participant
"""


def _check_voting_allowed(ballot: Mapping) -> None:
    """VotingClosed unless this participant may vote on this candidate right now (a _BALLOT_SQL row)."""
    if not ballot["voting_open"] or ballot["finalised"]:
        raise VotingClosed("Voting is closed in this workshop.")
    if ballot["is_facilitator"] and not ballot["facilitator_votes"]:
        raise VotingClosed("The facilitator does not vote in this workshop.")
    if ballot["status"] != APPROVED:
        raise VotingClosed(f"Candidate {ballot['candidate_id']} is not approved for the vote.")
    if ballot["round"] > 1 and not ballot["in_runoff"]:
        raise VotingClosed(f"Candidate {ballot['candidate_id']} is not in the run-off.")


# ---------------------------------------------------------------- export and import

CANDIDATE_STATE_FIELDS: Spec = {
    "status": choice(CANDIDATE_STATUSES),
    "in_runoff": flag(),
    "created_at": timestamp(),
}
VOTE_FIELDS: Spec = {
    "round": integer(1, MAX_ROUND),
    "points": integer(1, voting.MAX_POINTS_SETTING),
    "updated_at": timestamp(),
}
HISTORY_FIELDS: Spec = {
    "actor": text(),
    "at": timestamp(),
    "action": text(),
    "summary": text(TEXT_MAX, multiline=True),
    "undone": flag(),
}
SNAPSHOT_FIELDS: Spec = {"position": integer(low=1), **SHORTLIST_FIELDS}
EXPORT_SECTIONS: tuple[str, ...] = (
    "workshop", "participants", "goals", "status_kpis", "candidates", "votes", "shortlist",
    "shortlist_history", "funnel", "measurements", "tasks", "reviews",
)


def _json_ready(value: Any, key: str = "") -> Any:
    """Rows as JSON: dates as ISO text, 0/1 flag columns as true/false."""
    if isinstance(value, dict):
        return {name: _json_ready(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_json_ready(item) for item in value]
    if key in _BOOL_COLUMNS and value is not None:
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
    value = _id(value, field)
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
        _unique([v["name"].casefold() for v in self.participants.values()], "participants", "a name")
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
        ids = [_id(row.get("id"), f"{key}[{i}].id") for i, row in enumerate(rows)]
        _unique(ids, key, "an id")
        return {
            row_id: clean(spec, _without(row, "id"), path=f"{key}[{i}].")
            for i, (row_id, row) in enumerate(zip(ids, rows))
        }

    def _candidates(self, data: Mapping[str, Any], catalog: Mapping[str, Any]) -> dict[int, dict]:
        rows = _section(data, "candidates")
        ids = [_id(row.get("id"), f"candidates[{i}].id") for i, row in enumerate(rows)]
        _unique(ids, "candidates", "an id")
        result = {}
        for i, (row_id, row) in enumerate(zip(ids, rows)):
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
            result[row_id] = {**values, "catalog_id": catalog_id, "proposed_by": proposer}
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
            votes.append(values)
        _unique(
            [(v["participant_id"], v["candidate_id"], v["round"]) for v in votes],
            "votes", "a participant's vote on a KPI in a round",
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
            items.append(
                {
                    **clean(SNAPSHOT_FIELDS, _without(row, "candidate_id", "goal_ids"), path=item_path),
                    "candidate_id": _ref(row, "candidate_id", item_path, self.candidates),
                    "goal_ids": [
                        _known(goal, f"{item_path}goal_ids[{j}]", self.goals)
                        for j, goal in enumerate(goal_ids)
                    ],
                }
            )
        _unique([item["candidate_id"] for item in items], path, "a KPI")
        return items

    def write(self, store: WorkshopStore, workshop_id: int) -> None:
        """Insert everything into the new workshop, mapping the file's ids to new ones."""
        owned = {"workshop_id": workshop_id}
        people = {
            old: store._insert(
                "participants", {**values, **owned, "name_key": values["name"].casefold()}
            )
            for old, values in self.participants.items()
        }
        goals = {
            old: store._insert("goals", {**values, **owned, "position": position})
            for position, (old, values) in enumerate(self.goals.items(), start=1)
        }
        for values in self.status_kpis:
            store._insert("status_kpis", {**values, **owned})
        kpis = {
            old: store._insert(
                "candidates", {**values, **owned, "proposed_by": people.get(values["proposed_by"])}
            )
            for old, values in self.candidates.items()
        }
        for vote in self.votes:
            store._insert(
                "votes",
                {**vote, **owned, "participant_id": people[vote["participant_id"]],
                 "candidate_id": kpis[vote["candidate_id"]]},
            )

        def remap(snapshot: list[dict]) -> list[dict]:
            return [
                {**_sql_values(item), "candidate_id": kpis[item["candidate_id"]],
                 "goal_ids": sorted(goals[goal] for goal in item["goal_ids"])}
                for item in snapshot
            ]

        store._restore(workshop_id, remap(self.shortlist))
        for values, snapshot in self.history:
            store._insert(
                "shortlist_history", {**values, **owned, "snapshot": json.dumps(remap(snapshot))}
            )
        for values in self.funnel:
            store._insert("funnel", {**values, **owned})
        for old, values in self.measurements:
            store._upsert_measurement(workshop_id, kpis[old], values)
        for values in self.tasks:
            store._insert("tasks", {**values, **owned})
        for old, values in self.reviews:
            store._insert("reviews", {**values, **owned, "candidate_id": kpis.get(old)})
