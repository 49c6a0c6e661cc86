"""Rules of `store.shortlist`: entries that stay, history and undo, batches whole or not at all."""

from __future__ import annotations

import math

import pytest

from kpi_logic.errors import InvalidInput, KpiWorkshopError, WrongWorkshop
from tests.store.support import TOO_LONG


def test_shortlist_keeps_the_data_of_entries_that_stay(store, ws, kpis):
    store.shortlist.set(ws.id, [kpis["win_rate"], kpis["cac"]], "Anna")
    entry = store.shortlist.list(ws.id)[0]
    store.shortlist.update_entry(ws.id, entry.id, "Anna", owner="Ben", target=30, cadence="monthly")
    store.shortlist.set(ws.id, [kpis["custom"], kpis["win_rate"]], "Anna")
    entries = store.shortlist.list(ws.id)
    assert [e.candidate_id for e in entries] == [kpis["custom"], kpis["win_rate"]]
    assert (entries[1].id, entries[1].owner, entries[1].target, entries[1].cadence) == (
        entry.id, "Ben", 30.0, "monthly")


def test_history_tells_who_changed_what_from_old_to_new(store, ws, kpis):
    store.shortlist.set(ws.id, [kpis["win_rate"]], "Anna")
    entry = store.shortlist.list(ws.id)[0]
    store.shortlist.update_entry(ws.id, entry.id, "Anna", target=10)
    store.shortlist.update_entry(ws.id, entry.id, "Ben", target=12)
    latest = store.shortlist.history(ws.id)[0]
    assert latest.actor == "Ben" and "target: 10 → 12" in latest.summary


def test_one_undo_takes_back_a_whole_batch_of_entry_changes(store, ws, kpis):
    store.shortlist.set(ws.id, [kpis["win_rate"], kpis["cac"]], "Anna")
    before = store.shortlist.list(ws.id)
    changed = store.shortlist.update_entries(
        ws.id, {before[0].id: {"owner": "Eva", "target": 30}, before[1].id: {"cadence": "monthly"}}, "Anna"
    )
    assert [(e.owner, e.target, e.cadence) for e in changed] == [("Eva", 30.0, None), ("", None, "monthly")]
    assert [h.action for h in store.shortlist.history(ws.id)] == ["update", "set"]
    store.shortlist.undo(ws.id, "Anna")
    assert store.shortlist.list(ws.id) == before


@pytest.mark.parametrize(
    "bad",
    [{"target": "viel"}, {"cadence": "daily"}, {"goal_ids": [999]}, {"colour": "red"}],
    ids=["text-target", "unknown-cadence", "unknown-goal", "unknown-field"],
)
def test_a_batch_with_one_bad_entry_stores_nothing(store, ws, kpis, bad):
    store.shortlist.set(ws.id, [kpis["win_rate"], kpis["cac"]], "Anna")
    before = store.shortlist.list(ws.id)
    history = store.shortlist.history(ws.id)
    with pytest.raises(KpiWorkshopError):
        store.shortlist.update_entries(ws.id, {before[0].id: {"owner": "Eva"}, before[1].id: bad}, "Anna")
    assert store.shortlist.list(ws.id) == before and store.shortlist.history(ws.id) == history


def test_a_batch_naming_another_workshops_entry_stores_nothing(store, ws, other_ws, kpis):
    store.shortlist.set(ws.id, [kpis["win_rate"]], "Anna")
    foreign = store.candidates.add(other_ws.id, catalog_id="cac")
    store.shortlist.set(other_ws.id, [foreign], "Ben")
    mine, theirs = store.shortlist.list(ws.id)[0], store.shortlist.list(other_ws.id)[0]
    with pytest.raises(WrongWorkshop):
        store.shortlist.update_entries(ws.id, {mine.id: {"owner": "Eva"}, theirs.id: {"owner": "Eva"}}, "Anna")
    assert store.shortlist.list(ws.id)[0].owner == "" and store.shortlist.list(other_ws.id)[0].owner == ""


def test_undo_restores_the_shortlist_step_by_step(store, ws, kpis):
    goal = store.goals.add(ws.id, "Umsatz")
    store.shortlist.set(ws.id, [kpis["win_rate"], kpis["cac"]], "Anna")
    first = store.shortlist.list(ws.id)
    store.shortlist.update_entry(ws.id, first[0].id, "Anna", target=10, goal_ids=[goal.id])
    second = store.shortlist.list(ws.id)
    store.shortlist.set(ws.id, [kpis["custom"]], "Ben")
    assert store.shortlist.undo(ws.id, "Anna").actor == "Ben"
    assert store.shortlist.list(ws.id) == second
    store.shortlist.undo(ws.id, "Anna")
    assert store.shortlist.list(ws.id) == first
    store.shortlist.undo(ws.id, "Anna")
    assert store.shortlist.list(ws.id) == []
    assert store.shortlist.undo(ws.id, "Anna") is None
    assert [h.undone for h in store.shortlist.history(ws.id) if h.action != "undo"] == [True] * 3


@pytest.mark.parametrize(
    "fields", [{"target": math.nan}, {"cadence": "daily"}, {"target_date": "2100-13-01"},
               {"owner": TOO_LONG}, {"goal_ids": [999]}, {"colour": "blue"}],
)
def test_bad_shortlist_change_is_refused_and_not_recorded(store, ws, kpis, fields):
    store.shortlist.set(ws.id, [kpis["win_rate"]], "Anna")
    before = store.shortlist.list(ws.id)
    with pytest.raises(KpiWorkshopError):
        store.shortlist.update_entry(ws.id, before[0].id, "Anna", **fields)
    assert store.shortlist.list(ws.id) == before
    assert len(store.shortlist.history(ws.id)) == 1


def test_shortlist_refuses_foreign_or_repeated_candidates(store, ws, other_ws, kpis):
    foreign = store.candidates.add(other_ws.id, catalog_id="cac")
    with pytest.raises(WrongWorkshop):
        store.shortlist.set(ws.id, [kpis["win_rate"], foreign], "Anna")
    with pytest.raises(InvalidInput):
        store.shortlist.set(ws.id, [kpis["win_rate"], kpis["win_rate"]], "Anna")
    assert store.shortlist.list(ws.id) == []
