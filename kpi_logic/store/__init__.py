"""The workshop store: one SQLite file behind one facade, its tables cut into families.

`WorkshopStore` opens the file (WAL, migrations) and hangs one part per table family on itself,
as sqlite-utils hangs tables on a `Database`: `store.votes.set_points(...)`,
`store.goals.add(...)`. Every part checks its input before it writes, scopes each query to one
workshop and makes every multi-step change in one BEGIN IMMEDIATE transaction (`db.write`), so
concurrent clicks from many threads and processes never lose a vote or pass a budget.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from kpi_logic import config
from kpi_logic.db import Connections, enable_wal, retry_locked, storage_error
from kpi_logic.migrations import apply_migrations
from kpi_logic.store.candidates import Candidates
from kpi_logic.store.funnel import Funnel
from kpi_logic.store.goals import Goals
from kpi_logic.store.participants import Participants
from kpi_logic.store.reviews import Measurements, Reviews
from kpi_logic.store.shortlist import Shortlist
from kpi_logic.store.status_quo import StatusQuo
from kpi_logic.store.tasks import Tasks
from kpi_logic.store.throttles import Throttles
from kpi_logic.store.transfer import Transfer
from kpi_logic.store.votes import Votes
from kpi_logic.store.workshops import Workshops

__all__ = ["WorkshopStore"]


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
        self.clock = clock
        db = self._connections.get(create=True)
        enable_wal(db)
        apply_migrations(db)
        self.workshops = Workshops(self)
        self.participants = Participants(self)
        self.goals = Goals(self)
        self.status_quo = StatusQuo(self)
        self.candidates = Candidates(self)
        self.votes = Votes(self)
        self.shortlist = Shortlist(self)
        self.funnel = Funnel(self)
        self.measurements = Measurements(self)
        self.reviews = Reviews(self)
        self.tasks = Tasks(self)
        self.transfer = Transfer(self)
        self.throttles = Throttles(self)

    @property
    def db(self) -> Database:
        """This thread's connection."""
        return self._connections.get()

    def close(self) -> None:
        """Close this thread's connection (others close when their thread ends)."""
        self._connections.close()

    def catalog(self) -> Mapping[str, Any]:
        """The KPI catalogue by id, or the one given for tests."""
        if self._catalog_override is None:
            # Imported lazily: the store works (and its tests run) without reading the CSV.
            from kpi_logic.catalog import catalog_by_id

            return catalog_by_id()
        return self._catalog_override

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
