"""The shortlist history speaks the reader's language; rows from before keep their stored summary."""

from __future__ import annotations

import sqlite3

import pytest

from kpi_logic.shortlist_history import describe
from kpi_logic.records import HistoryEntry
from kpi_logic.store import WorkshopStore


@pytest.fixture
def entries(store, workshop):
    """A shortlist of the win rate and the CAC."""
    ids = [store.candidates.add(workshop.id, catalog_id) for catalog_id in ("win_rate", "cac")]
    store.shortlist.set(workshop.id, ids, "Anna")
    return store.shortlist.list(workshop.id)


def latest(store, workshop) -> HistoryEntry:
    return store.shortlist.history(workshop.id)[0]


@pytest.mark.parametrize(
    "language,expected",
    [
        ("de", "Gewinnquote (Win Rate): Verantwortlich: — → Eva; Zielwert: 1’200 → 1’250.5; "
               "Termin: — → 31.12.2027; Rhythmus: — → monatlich"),
        ("en", "Gewinnquote (Win Rate): Owner: — → Eva; Target: 1,200 → 1,250.5; "
               "Target date: — → Dec 31, 2027; Cadence: — → monthly"),
    ],
)
def test_a_field_change_reads_in_the_readers_language(store, workshop, entries, language, expected):
    store.shortlist.update_entry(workshop.id, entries[0].id, "Anna", target=1200)
    store.shortlist.update_entry(
        workshop.id, entries[0].id, "Anna",
        owner="Eva", target=1250.5, target_date="2027-12-31", cadence="monthly",
    )
    assert describe(latest(store, workshop), language) == expected


def test_goals_are_named_by_title_even_after_the_goal_is_deleted(store, workshop, entries):
    goal = store.goals.add(workshop.id, "Mehr Neukunden")
    store.shortlist.update_entry(workshop.id, entries[1].id, "Anna", goal_ids=[goal.id])
    store.goals.delete(workshop.id, goal.id)
    assert describe(latest(store, workshop), "en").endswith("Goals: — → Mehr Neukunden")


def test_a_batch_lists_each_kpi_once(store, workshop, entries):
    store.shortlist.update_entries(
        workshop.id, {entries[0].id: {"owner": "Eva"}, entries[1].id: {"owner": "Ben", "baseline": 3}},
        "Anna",
    )
    assert describe(latest(store, workshop), "en") == (
        "Gewinnquote (Win Rate): Owner: — → Eva | "
        "Kundengewinnungskosten (CAC): Owner: — → Ben; Baseline: — → 3"
    )


@pytest.mark.parametrize(
    "language,added,reordered",
    [("de", "Kundengewinnungskosten (CAC) aufgenommen", "Reihenfolge geändert"),
     ("en", "Kundengewinnungskosten (CAC) added", "Order changed")],
)
def test_picking_kpis_says_what_was_added_removed_or_reordered(store, workshop, language, added, reordered):
    win_rate, cac = (store.candidates.add(workshop.id, catalog_id) for catalog_id in ("win_rate", "cac"))
    store.shortlist.set(workshop.id, [win_rate], "Anna")
    store.shortlist.set(workshop.id, [cac], "Anna")
    assert describe(latest(store, workshop), language).startswith(added)
    store.shortlist.set(workshop.id, [cac, win_rate], "Anna")
    store.shortlist.set(workshop.id, [win_rate, cac], "Anna")
    assert describe(latest(store, workshop), language) == reordered


def test_an_undo_says_what_it_took_back_and_keeps_the_english_summary(store, workshop, entries):
    store.shortlist.update_entry(workshop.id, entries[0].id, "Anna", owner="Eva")
    store.shortlist.undo(workshop.id, "Ben")
    undo = latest(store, workshop)
    assert describe(undo, "de") == "Rückgängig gemacht: Gewinnquote (Win Rate): Verantwortlich: — → Eva"
    assert undo.summary == "undone: Gewinnquote (Win Rate): owner: — → Eva"


def test_a_row_written_before_changes_were_kept_shows_its_stored_summary(store, workshop, entries):
    # As written by the first release: no structured changes, only the English summary.
    store.db.execute("UPDATE shortlist_history SET changes = NULL, summary = 'owner: — → Eva'")
    old = latest(store, workshop)
    assert old.changes is None and describe(old, "de") == "owner: — → Eva"
    store.shortlist.undo(workshop.id, "Ben")
    assert describe(latest(store, workshop), "de") == "undone: owner: — → Eva"


def test_a_file_from_the_first_release_gains_the_changes_column_with_its_history_intact(tmp_path):
    path = tmp_path / "old.db"
    store = WorkshopStore(path)
    workshop = store.workshops.create("Alt", facilitator_pin="471100")
    store.shortlist.set(workshop.id, [store.candidates.add(workshop.id, "cac")], "Anna")
    store.close()
    with sqlite3.connect(path) as db:  # back to the first release's schema
        db.execute("ALTER TABLE shortlist_history DROP COLUMN changes")
        db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm002_shortlist_history_changes'")
    reopened = WorkshopStore(path)
    [row] = reopened.shortlist.history(workshop.id)
    assert row.changes is None and describe(row, "en") == row.summary == "+ Kundengewinnungskosten (CAC)"
