"""SQLite connections (a pool shared by the threads of one process), pragmas and the one way to write: `write()`."""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import threading
import time
import weakref
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
# Idle connections one pool keeps open; about the number of reruns a process runs at once.
POOL_IDLE_LIMIT = 8
# One write transaction at a time per process. Threads of one process that wait for SQLite's lock
# sleep in its busy handler (1, 2, 5 … 100 ms between looks) and miss the moment it frees, while the
# holder, sharing the GIL with every other rerun, holds it longer; waiting on a Python lock, the
# next writer starts the moment the last one commits. Other processes still wait on SQLite's lock.
_WRITER = threading.RLock()


def _writer_lock_after_fork() -> None:
    """A forked child starts with a free lock (a parent's thread may have held it at the fork)."""
    global _WRITER
    _WRITER = threading.RLock()


os.register_at_fork(after_in_child=_writer_lock_after_fork)

T = TypeVar("T")
# A database file's (device, inode); None when the file is gone.
FileIdentity = tuple[int, int] | None


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
        # transaction is an explicit BEGIN IMMEDIATE from write(). check_same_thread off: the pool
        # (Connections) lends a connection to one thread at a time, then to a later thread.
        conn = sqlite3.connect(
            target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, uri=not create,
            check_same_thread=False,
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


def _file_identity(path: Path) -> FileIdentity:
    """The database file's device and inode, or None when it is gone."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


class _Lease:
    """A pooled Database lent to one thread; returned to the pool when the thread ends."""

    def __init__(self, db: Database, opened: FileIdentity, pid: int,
                 give_back: Callable[[Database, FileIdentity, int], None]):
        self.db, self.pid = db, pid
        self.finalizer = weakref.finalize(self, give_back, db, opened, pid)


class Connections:
    """A small pool of Databases shared by the threads of one process, each used by one thread at a time.

    Streamlit runs every rerun on a fresh thread: a connection per thread meant a new connection
    (about 0.85 ms) on every tap. A thread now borrows an idle connection on first use and gives it
    back when it ends (its thread-local lease is dropped), so connections outlive the reruns. After
    a fork nothing is reused: a sqlite3 connection must not cross processes.
    """

    def __init__(self, path: Path, idle_limit: int = POOL_IDLE_LIMIT):
        self.path = path
        self.idle_limit = idle_limit
        self._local = threading.local()
        self._lock = threading.Lock()
        self._idle: list[tuple[Database, FileIdentity]] = []
        self._pid = os.getpid()

    def get(self, create: bool = False) -> Database:
        """This thread's Database: borrowed from the pool (or opened) on first use, again after a fork."""
        lease = getattr(self._local, "lease", None)
        pid = os.getpid()
        if lease is None or lease.pid != pid:
            lease = _Lease(*self._borrow(create, pid), pid, self._give_back)
            self._local.lease = lease
        return lease.db

    def _borrow(self, create: bool, pid: int) -> tuple[Database, FileIdentity]:
        # A file deleted or replaced since a connection was opened must not take writes through that
        # connection (they would land in the unlinked file): one stat per borrow tells.
        identity = _file_identity(self.path)
        with self._lock:
            if self._pid != pid:  # forked: the parent's connections stay the parent's
                self._idle, self._pid = [], pid
            stale = [db for db, opened in self._idle if opened != identity]
            self._idle = [(db, opened) for db, opened in self._idle if opened == identity]
            reused = self._idle.pop() if self._idle and identity is not None else None
        for db in stale:
            db.close()
        if reused is not None:
            return reused
        db = open_database(self.path, create)
        return db, _file_identity(self.path)

    def _give_back(self, db: Database, opened: FileIdentity, pid: int) -> None:
        """Return a connection whose thread ended (closed instead when the pool is full or forked)."""
        if pid != os.getpid():
            return
        with contextlib.suppress(sqlite3.Error):
            if db.conn.in_transaction:  # never lend a half-done transaction
                db.conn.rollback()
            with self._lock:
                if self._pid == pid and opened is not None and len(self._idle) < self.idle_limit:
                    self._idle.append((db, opened))
                    return
            db.close()

    def close(self) -> None:
        """Close this thread's connection and the idle ones (those of running threads return later)."""
        lease = self._local.__dict__.pop("lease", None)
        with self._lock:
            idle, self._idle = [db for db, _ in self._idle], []
        if lease is not None and lease.pid == os.getpid():
            lease.finalizer.detach()  # the closed connection must not go back to the pool
            idle.append(lease.db)
        for db in idle:
            db.close()


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
    with _WRITER:
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
