"""Plumbing every table family shares: reads, inserts, updates and owned-by-workshop checks.

As sqlite-utils cuts `Database` from `Table`, the facade (`WorkshopStore`) holds the connection
and each `Part` holds one family's queries, reaching the others through `self.store`.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import fields
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any, TypeVar

from sqlite_utils import Database
from sqlite_utils.utils import dedupe_keys

from kpi_logic.catalog import display_name
from kpi_logic.db import retry_locked, storage_error, write
from kpi_logic.errors import NotFound, WrongWorkshop
from kpi_logic.validation import Spec, clean, row_id

if TYPE_CHECKING:
    from kpi_logic.store import WorkshopStore

T = TypeVar("T")

DATE_COLUMNS = frozenset({"workshop_date", "deadline", "target_date", "due", "date", "period"})
BOOL_COLUMNS = frozenset(
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
        "joins_open",
        "revealed",
    }
)


def from_row(cls: type[T], row: Mapping[str, Any], **overrides: Any) -> T:
    """A record from a table row, with dates and flags in their Python types."""
    values = {}
    for field in fields(cls):  # type: ignore[arg-type]
        value = overrides[field.name] if field.name in overrides else row[field.name]
        if field.name in DATE_COLUMNS and isinstance(value, str):
            value = date.fromisoformat(value)
        elif field.name in BOOL_COLUMNS:
            value = bool(value)
        values[field.name] = value
    return cls(**values)


def sql_value(value: Any) -> Any:
    """A Python value as SQLite stores it: dates as ISO text, flags as 0/1."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def sql_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Every value of a row as SQLite stores it."""
    return {key: sql_value(value) for key, value in values.items()}


def now() -> str:
    """The current UTC time as stored in created_at / at / updated_at columns."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def kpi_texts(row: Mapping[str, Any], catalog: Mapping[str, Any], language: str) -> tuple[str, str]:
    """Name and definition of a candidate row: the catalogue's in `language`, else the custom ones."""
    catalog_id = row["catalog_id"]
    name = display_name(catalog_id, row["name"], catalog, language)
    kpi = catalog.get(catalog_id) if catalog_id is not None else None
    if kpi is not None:
        return name, kpi.definition.get(language)
    # A custom KPI has its own definition; one removed from the catalogue since has none left.
    return name, row["definition"] if catalog_id is None else ""


class Part:
    """One table family's queries on the facade's connection."""

    def __init__(self, store: WorkshopStore):
        self.store = store

    @property
    def db(self) -> Database:
        """This thread's connection."""
        return self.store.db

    def write(self) -> contextlib.AbstractContextManager[Database]:
        """A BEGIN IMMEDIATE transaction on this thread's connection (see db.write)."""
        return write(self.db)

    def rows(self, sql: str, params: Mapping[str, Any] | Iterable[Any] = ()) -> list[dict]:
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

    def row(self, sql: str, params: Mapping[str, Any] | Iterable[Any], missing: str) -> dict:
        """The first row of a SELECT; NotFound(`missing`) if there is none."""
        rows = self.rows(sql, params)
        if not rows:
            raise NotFound(missing)
        return rows[0]

    def insert_row(self, table: str, values: Mapping[str, Any]) -> int:
        """Insert one row; its new id."""
        columns = ", ".join(values)
        marks = ", ".join(f":{key}" for key in values)
        cursor = self.db.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", sql_values(values)
        )
        return int(cursor.lastrowid)

    def update_row(self, table: str, row_key: int, values: Mapping[str, Any]) -> None:
        """Set `values` on the row `row_key` of `table` (nothing when empty)."""
        if values:
            assignments = ", ".join(f"{key} = :{key}" for key in values)
            self.db.execute(
                f"UPDATE {table} SET {assignments} WHERE id = :_id",
                {**sql_values(values), "_id": row_key},
            )

    def owned(self, table: str, workshop_id: int, row_key: Any, what: str) -> dict:
        """The row `row_key` of `table`; NotFound if missing, WrongWorkshop if it is another's."""
        row = self.row(
            f"SELECT * FROM {table} WHERE id = ?", [row_id(row_key, f"{what} id")], f"No {what} {row_key}."
        )
        if row["workshop_id"] != workshop_id:
            raise WrongWorkshop(f"{what.capitalize()} {row_key} belongs to another workshop.")
        return row

    def edit(self, table: str, what: str, spec: Spec, workshop_id: int, row_key: int,
             changes: Mapping[str, Any]) -> dict:
        """Checked partial update of one row of a workshop; the updated row."""
        values = clean(spec, changes, partial=True)
        with self.write():
            self.owned(table, workshop_id, row_key, what)
            self.update_row(table, row_key, values)
        return self.owned(table, workshop_id, row_key, what)

    def delete_row(self, table: str, what: str, workshop_id: int, row_key: int) -> None:
        """Delete one row of a workshop (NotFound / WrongWorkshop as `owned`)."""
        with self.write():
            self.owned(table, workshop_id, row_key, what)
            self.db.execute(f"DELETE FROM {table} WHERE id = ?", [row_key])

    def list_of(self, cls: type[T], table: str, workshop_id: int, order: str) -> list[T]:
        """Every row of a workshop in `table` as records, in `order`."""
        self.store.workshops.get(workshop_id)
        rows = self.rows(
            f"SELECT * FROM {table} WHERE workshop_id = ? ORDER BY {order}", [workshop_id]
        )
        return [from_row(cls, row) for row in rows]

    def catalog(self) -> Mapping[str, Any]:
        """The KPI catalogue by id (the facade's override in tests)."""
        return self.store.catalog()
