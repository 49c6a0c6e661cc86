"""Backup and restore: the whole database as one file and back, and one workshop as a JSON file
moved into a fresh database — nothing lost, nothing added."""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading

from kpi_logic import workshop_json
from kpi_logic.demo import DEMO_PIN, create_demo
from kpi_logic.store import WorkshopStore
from tests.store.support import without_ids

NEW_PIN = "864200"


def _everything(store: WorkshopStore) -> list[dict]:
    """Every workshop as its export, ids replaced by positions, for comparing two files."""
    return [without_ids(store.transfer.export_workshop(w.id)) for w in store.workshops.list()]


def test_a_backup_file_restored_in_place_of_a_lost_database_gives_everything_back(tmp_path, store):
    create_demo(store)
    before = _everything(store)
    backup = tmp_path / "backup" / "workshop-backup.db"
    store.backup(backup)
    store.close()
    for leftover in store.path.parent.glob(store.path.name + "*"):
        leftover.unlink()  # the original file is lost (with its -wal and -shm)
    shutil.copy(backup, store.path)
    restored = WorkshopStore(store.path)
    assert _everything(restored) == before
    assert restored.workshops.check_pin(restored.workshops.list()[0].id, DEMO_PIN)


def test_a_backup_taken_while_people_vote_is_consistent(tmp_path, store, workshop):
    store.goals.add(workshop.id, "Umsatz")
    kpis = [store.candidates.add(workshop.id, name=f"KPI {i}") for i in range(4)]
    people = [store.participants.join(workshop.join_code, f"P{i}", "sales") for i in range(4)]
    stop = threading.Event()

    def vote(person) -> None:
        points = 0
        while not stop.is_set():
            points = (points + 1) % 4
            store.votes.set_points(person.id, kpis[points % len(kpis)], min(points, 3) or 0)
            store.votes.set_points(person.id, kpis[points % len(kpis)], 0)

    threads = [threading.Thread(target=vote, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    try:
        backups = [tmp_path / f"b{i}.db" for i in range(3)]
        for backup in backups:
            store.backup(backup)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    for backup in backups:
        with sqlite3.connect(backup) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        copy = WorkshopStore(backup)
        assert [w.name for w in copy.workshops.list()] == [workshop.name]
        assert copy.votes.table(workshop.id)["points"].le(3).all()


def test_one_workshop_as_a_json_file_moves_to_a_fresh_database_field_for_field(tmp_path, store):
    demo = create_demo(store)
    file = tmp_path / "workshop.json"
    file.write_bytes(workshop_json.workshop_json(store, demo.id))
    fresh = WorkshopStore(tmp_path / "fresh.db")
    moved = workshop_json.import_workshop_json(fresh, file.read_bytes(), NEW_PIN)
    assert without_ids(fresh.transfer.export_workshop(moved.id)) == without_ids(store.transfer.export_workshop(demo.id))
    assert json.loads(workshop_json.workshop_json(fresh, moved.id))["workshop"]["name"] == demo.name
    assert fresh.workshops.check_pin(moved.id, NEW_PIN)
    assert fresh.votes.results(moved.id).drop(columns="candidate_id").equals(
        store.votes.results(demo.id).drop(columns="candidate_id"))
