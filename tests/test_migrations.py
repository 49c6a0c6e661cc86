"""Schema migrations run once, change nothing the second time, roll back on failure; connection set-up."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlite_utils.migrations import Migrations

from kpi_logic.db import Connections, write
from kpi_logic.errors import StorageError
from kpi_logic.migrations import apply_migrations, migrations
from kpi_logic.store import WorkshopStore


def schema_and_rows(path: Path) -> tuple[list, dict]:
    """Everything in the file: the schema text and every row of every table."""
    conn = sqlite3.connect(path)
    try:
        schema = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        rows = {
            name: conn.execute(f"SELECT * FROM [{name}] ORDER BY rowid").fetchall()
            for (kind, name, _) in schema
            if kind == "table"
        }
    finally:
        conn.close()
    return schema, rows


def test_running_migrations_twice_changes_nothing(tmp_path):
    path = tmp_path / "w.db"
    store = WorkshopStore(path)
    store.workshops.create("Bleibt", facilitator_pin="471100")
    before = schema_and_rows(path)
    apply_migrations(store.db)
    WorkshopStore(path)
    assert schema_and_rows(path) == before
    assert migrations.pending(store.db) == []


def test_failing_migration_rolls_back_and_stays_pending(tmp_path):
    db = Connections(tmp_path / "w.db").get(create=True)
    broken = Migrations("broken")

    @broken()
    def m001_good(db):
        db.execute("CREATE TABLE good (id INTEGER PRIMARY KEY)")

    @broken()
    def m002_bad(db):
        db.execute("CREATE TABLE half (id INTEGER PRIMARY KEY)")
        db.execute("INSERT INTO no_such_table VALUES (1)")

    with pytest.raises(StorageError):
        apply_migrations(db, broken)
    assert "half" not in db.table_names() and "good" not in db.table_names()
    assert [m.name for m in broken.pending(db)] == ["m001_good", "m002_bad"]


def test_every_connection_has_the_pragmas_the_store_relies_on(tmp_path):
    store = WorkshopStore(tmp_path / "w.db")

    def pragma(name):
        return store.db.execute(f"PRAGMA {name}").fetchone()[0]

    assert (pragma("journal_mode"), pragma("foreign_keys"), pragma("busy_timeout"),
            pragma("synchronous")) == ("wal", 1, 10_000, 1)


def test_each_thread_gets_its_own_connection(tmp_path):
    store = WorkshopStore(tmp_path / "w.db")
    ws = store.workshops.create("Threads", facilitator_pin="471100")
    seen = {}

    def other_thread():
        seen["conn"] = store.db.conn
        seen["name"] = store.workshops.get(ws.id).name

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert seen["name"] == "Threads" and seen["conn"] is not store.db.conn


def test_write_rolls_back_everything_when_a_step_fails(tmp_path):
    store = WorkshopStore(tmp_path / "w.db")
    with pytest.raises(RuntimeError):
        with write(store.db):
            store.db.execute(
                "INSERT INTO workshops (name, language, phase, pin_hash, join_code, share_token, "
                "created_at) VALUES ('x', 'de', 'goals', 'h', 'J', 'S', '2027-01-01')"
            )
            raise RuntimeError("half-way")
    assert store.workshops.list() == []


def open_store(path: str) -> int:
    """A spawned process opening the store; returns how many workshops it sees."""
    return len(WorkshopStore(Path(path)).workshops.list())


def test_processes_starting_at_once_on_a_new_file_create_the_schema_once(tmp_path):
    path = tmp_path / "fresh.db"
    with multiprocessing.get_context("spawn").Pool(3) as pool:
        assert pool.map(open_store, [str(path)] * 3) == [0, 0, 0]
    assert migrations.pending(Connections(path).get()) == []


def test_default_file_follows_the_setting_and_gets_its_folder(tmp_path, monkeypatch):
    path = tmp_path / "nested" / "folder" / "workshops.db"
    monkeypatch.setenv("KPI_WORKSHOP_DB", str(path))
    WorkshopStore().workshops.create("Hier", facilitator_pin="471100")
    assert path.exists()


def test_a_file_that_cannot_be_written_gives_a_storage_error(tmp_path):
    store = WorkshopStore(tmp_path / "w.db")
    store.db.execute("PRAGMA query_only = ON")  # behaves like a read-only file
    with pytest.raises(StorageError, match="cannot be used"):
        store.workshops.create("Nur lesen", facilitator_pin="471100")


def test_a_database_deleted_while_the_app_runs_is_not_quietly_recreated_empty(tmp_path):
    path = tmp_path / "w.db"
    store = WorkshopStore(path)
    store.workshops.create("Vor dem Löschen", facilitator_pin="471100")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    thread_error: list[Exception] = []
    thread = threading.Thread(target=lambda: _catch(thread_error, store.workshops.list))
    thread.start()
    thread.join()
    assert isinstance(thread_error[0], StorageError) and not path.exists()


def _catch(errors: list[Exception], action) -> None:
    try:
        action()
    except Exception as error:  # noqa: BLE001 - the test inspects whatever the thread raised
        errors.append(error)


def test_a_vote_reads_its_ballot_through_the_primary_key_not_a_second_index(tmp_path):
    store = WorkshopStore(tmp_path / "w.db")
    indexes = {index.name for index in store.db["votes"].indexes}
    plan = store.db.execute(
        "EXPLAIN QUERY PLAN SELECT candidate_id, points FROM votes WHERE participant_id = 1 AND round = 1"
    ).fetchall()
    assert "idx_votes_participant" not in indexes
    assert any("sqlite_autoindex_votes_1" in str(step) for step in plan), plan
