"""SQLite connections (one per thread and process), pragmas and the one way to write: `write()`."""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from sqlite_utils import Database

from kpi_logic.errors import StorageError

BUSY_TIMEOUT_MS = 10_000
# BEGIN IMMEDIATE already waits BUSY_TIMEOUT_MS for the lock; these retries only cover the rare
# cases where SQLite gives up at once (WAL recovery, a journal-mode switch by another process).
LOCK_RETRIES = 6
BACKOFF_SECONDS = 0.02

T = TypeVar("T")


def is_locked(error: BaseException) -> bool:
    """Whether an sqlite3 error means another connection holds the lock (worth a retry)."""
    message = str(error).lower()
    return isinstance(error, sqlite3.OperationalError) and (
        "database is locked" in message or "database is busy" in message
    )


def storage_error(error: sqlite3.Error) -> StorageError:
    """A clear StorageError for a database failure the user cannot fix by retrying the click."""
    return StorageError(f"The workshop database cannot be used: {error}")


def retry_locked(action: Callable[[], T]) -> T:
    """Run `action`, retrying with jittered back-off while the database is locked."""
    for attempt in range(LOCK_RETRIES):
        try:
            return action()
        except sqlite3.OperationalError as error:
            if not is_locked(error) or attempt == LOCK_RETRIES - 1:
                raise
            time.sleep(random.uniform(0.5, 1.5) * BACKOFF_SECONDS * 2**attempt)
    raise AssertionError("unreachable: the last attempt returns or raises")


def open_database(path: Path, create: bool = False) -> Database:
    """A sqlite-utils Database on `path` with the pragmas every connection needs.

    Only the store's start-up creates the file: a later connection to a file deleted meanwhile
    fails (StorageError) instead of quietly starting an empty database in its place.
    """
    try:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        target = str(path) if create else f"{path.resolve().as_uri()}?mode=rw"
        # isolation_level=None: the driver never opens hidden transactions, so every
        # transaction is an explicit BEGIN IMMEDIATE from write().
        conn = sqlite3.connect(
            target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, uri=not create
        )
        db = Database(conn)
        db.execute("PRAGMA foreign_keys=ON")
        db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA synchronous=NORMAL")
    except (sqlite3.Error, OSError) as error:
        raise StorageError(f"The workshop database {path} cannot be opened: {error}") from error
    return db


def enable_wal(db: Database) -> None:
    """Switch the file to WAL once at start-up (readers then never block the writer)."""
    try:
        retry_locked(db.enable_wal)
    except sqlite3.Error as error:
        raise storage_error(error) from error


class Connections:
    """One Database per thread and process: sqlite3 connections must not cross threads or forks."""

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()

    def get(self, create: bool = False) -> Database:
        """This thread's Database, opened on first use (and again after a fork)."""
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            local.db = open_database(self.path, create)
            local.pid = os.getpid()
        return local.db

    def close(self) -> None:
        """Close this thread's connection, if it has one."""
        db = getattr(self._local, "db", None)
        if db is not None and self._local.pid == os.getpid():
            db.close()
        self._local.__dict__.clear()


@contextlib.contextmanager
def write(db: Database) -> Iterator[Database]:
    """One write transaction that takes the write lock at its start (BEGIN IMMEDIATE).

    A deferred transaction that reads and then writes fails at once under concurrency, so the lock
    is taken first; taking it is retried while the file is locked, and since nothing has happened
    before that point, this retries the whole transaction. Nested use joins the outer transaction
    through a savepoint. Storage failures (disk full, read-only, file gone) become StorageError.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        retry_locked(lambda: db.execute("BEGIN IMMEDIATE"))
    except sqlite3.Error as error:
        raise storage_error(error) from error
    try:
        yield db
        db.execute("COMMIT")
    except sqlite3.IntegrityError:
        db.rollback()
        raise
    except sqlite3.Error as error:
        db.rollback()
        raise storage_error(error) from error
    except BaseException:
        db.rollback()
        raise
