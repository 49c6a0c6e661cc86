"""Databases written by earlier schemas open with today's store, every row intact.

`tests/fixtures/schema_v<N>.db` is a file written by schema N (see tests/fixtures/README.md); a new one
is added at every schema change with `python -m tests.hardening.test_migration_fixtures <N>`.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from kpi_logic.migrations import migrations
from kpi_logic.security import hash_pin
from kpi_logic.store import WorkshopStore

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# Every fixture's PIN: a four-digit one, as PINs were before the six-digit rule; it must still unlock.
PIN = "4711"
# The migrations each fixture was written with: a fixture is never rebuilt with later ones.
SCHEMAS = {
    1: "m001_initial_schema",
    2: "m002_shortlist_history_changes",
    3: "m003_drop_redundant_votes_index",
    4: "m004_live_room",
    5: "m010_security_throttles",
}


def build_fixture(path: Path) -> None:
    """A workshop with people, goals, votes, a shortlist and figures, written by the current schema."""
    store = WorkshopStore(path, clock=lambda: 1_800_000_000.0)
    workshop = store.workshops.create("Frühling 2027 <b>Zürich</b>", facilitator_pin="47114711", language="de",
                                     company="Muster AG", workshop_date=date(2027, 3, 4))
    # New PINs need six digits now; the fixture keeps the short PIN an older workshop has.
    with store.db.conn:
        store.db.conn.execute("UPDATE workshops SET pin_hash = ?", [hash_pin(PIN)])
    anna = store.participants.join(workshop.join_code, "Anna Müller", "marketing")
    ben = store.participants.join(workshop.join_code, "Ben", "sales")
    goal = store.goals.add(workshop.id, "Umsatz +20 %", metric="CHF", baseline=1e6, target=1.2e6,
                          deadline=date(2027, 12, 31))
    store.status_quo.add(workshop.id, "Follower", "Instagram", "12'000", verdict="vanity")
    win_rate = store.candidates.add(workshop.id, "win_rate")
    custom = store.candidates.add(workshop.id, name="Anteil Empfehlungen 🚀", definition="aus dem CRM")
    store.votes.set_points(anna.id, win_rate, 3)
    store.votes.set_points(anna.id, custom, 2)
    store.votes.set_points(ben.id, win_rate, 1)
    store.shortlist.set(workshop.id, [win_rate, custom], actor="Moderation")
    entry = store.shortlist.list(workshop.id)[0]
    store.shortlist.update_entry(workshop.id, entry.id, "Moderation", owner="Eva", baseline=20.0,
                                 target=30.0, target_date="2027-12-31", cadence="monthly",
                                 goal_ids=[goal.id])
    store.funnel.set(workshop.id, [{"stage": "lead", "baseline_volume": 400.0, "spend": 8000.0},
                                   {"stage": "customer", "baseline_volume": 11.0}])
    store.measurements.add(workshop.id, entry.id, "2027-04-01", 22.5, "erster Wert")
    store.tasks.add(workshop.id, 1, "KPIs im CRM anlegen", owner="Eva", due="2027-04-15")
    store.reviews.add(workshop.id, "2027-05-02", "keep", participants="Anna, Ben", candidate_id=win_rate)
    store.close()


def _fixture_files() -> list[Path]:
    return sorted(FIXTURES.glob("schema_v*.db"))


def test_there_is_a_fixture_for_every_released_schema():
    assert [path.name for path in _fixture_files()] == [f"schema_v{n}.db" for n in SCHEMAS]
    assert "schema_v" in (FIXTURES / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("fixture", _fixture_files(), ids=lambda path: path.stem)
def test_an_old_database_opens_with_todays_store_and_keeps_all_data(tmp_path, fixture):
    copy = tmp_path / "old.db"
    shutil.copy(fixture, copy)
    store = WorkshopStore(copy)
    (workshop,) = store.workshops.list()
    assert (workshop.name, workshop.company, workshop.language) == ("Frühling 2027 <b>Zürich</b>", "Muster AG", "de")
    assert store.workshops.check_pin(workshop.id, PIN) and not store.workshops.check_pin(workshop.id, "0000")
    assert [(p.name, p.team) for p in store.participants.list(workshop.id)] == [
        ("Anna Müller", "marketing"), ("Ben", "sales")]
    assert [(goal.title, goal.baseline, goal.target) for goal in store.goals.list(workshop.id)] == [
        ("Umsatz +20 %", 1e6, 1.2e6)]
    assert [(k.name, k.verdict) for k in store.status_quo.list(workshop.id)] == [("Follower", "vanity")]
    results = store.votes.results(workshop.id).set_index("catalog_id", drop=False)
    assert results["points"].sum() == 6 and results.loc["win_rate", "voters"] == 2
    entries = store.shortlist.list(workshop.id)
    assert [(e.catalog_id, e.owner, e.target, e.cadence) for e in entries] == [
        ("win_rate", "Eva", 30.0, "monthly"), (None, "", None, None)]
    assert entries[1].name == "Anteil Empfehlungen 🚀" and len(entries[0].goal_ids) == 1
    assert len(store.shortlist.history(workshop.id)) == 2
    assert store.shortlist.undo(workshop.id, "Moderation") is not None
    assert [f.stage for f in store.funnel.list(workshop.id)] == ["lead", "customer"]
    assert store.measurements.list(workshop.id)["value"].tolist() == [22.5]
    assert [task.title for task in store.tasks.list(workshop.id)] == ["KPIs im CRM anlegen"]
    assert [review.decision for review in store.reviews.list(workshop.id)] == ["keep"]
    # And it keeps working: a new vote after the migration.
    anna = store.participants.list(workshop.id)[0]
    store.votes.set_points(anna.id, int(results.loc["win_rate", "candidate_id"]), 2)
    assert store.votes.results(workshop.id)["points"].sum() == 5
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.mark.parametrize("fixture", _fixture_files(), ids=lambda path: path.stem)
def test_every_migration_of_today_is_applied_to_an_old_file(tmp_path, fixture):
    copy = tmp_path / "old.db"
    shutil.copy(fixture, copy)
    WorkshopStore(copy).close()
    assert list(migrations.pending(Database(copy))) == []


if __name__ == "__main__":
    # python -m tests.hardening.test_migration_fixtures <N>: write tests/fixtures/schema_v<N>.db
    number = int(sys.argv[1])
    target = FIXTURES / f"schema_v{number}.db"
    if target.exists():
        sys.exit(f"{target} exists: fixtures are never rewritten, add schema_v{number + 1}.db")
    build_fixture(target)
    db = sqlite3.connect(target)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("PRAGMA journal_mode=DELETE")
    db.close()
    print(f"wrote {target}")
