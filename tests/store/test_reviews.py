"""Rules of `store.measurements` and `store.reviews`: after the workshop."""

from __future__ import annotations

from datetime import date
import math

import pytest

from kpi_logic.errors import InvalidInput, WrongWorkshop


@pytest.fixture
def entry(store, ws, kpis):
    store.shortlist.set(ws.id, [kpis["win_rate"], kpis["cac"]], "Anna")
    return store.shortlist.list(ws.id)[0]


def test_measurement_of_a_period_is_replaced_not_doubled(store, ws, entry):
    store.measurements.add(ws.id, entry.id, date(2027, 1, 31), 0.21)
    store.measurements.add(ws.id, entry.id, "2027-01-31", 0.25, note="korrigiert")
    store.measurements.add(ws.id, entry.id, date(2027, 2, 28), 0.3)
    table = store.measurements.list(ws.id)
    assert list(zip(table["period"], table["value"], table["note"])) == [
        (date(2027, 1, 31), 0.25, "korrigiert"), (date(2027, 2, 28), 0.3, "")]
    assert set(table["entry_id"]) == {entry.id}


def test_measurements_with_one_bad_row_leave_nothing_behind(store, ws, entry):
    rows = [{"entry_id": entry.id, "period": "2027-01-31", "value": 1.0},
            {"entry_id": entry.id, "period": "2027-02-28", "value": math.nan}]
    with pytest.raises(InvalidInput, match=r"rows\[1\]\.value"):
        store.measurements.add_many(ws.id, rows)
    assert store.measurements.list(ws.id).empty


def test_measurements_survive_leaving_the_shortlist(store, ws, kpis, entry):
    store.measurements.add(ws.id, entry.id, "2027-01-31", 1.0)
    store.shortlist.set(ws.id, [kpis["cac"]], "Anna")
    assert list(store.measurements.list(ws.id)["value"]) == [1.0]


def test_measurement_for_an_entry_of_another_workshop_is_refused(store, ws, other_ws, entry):
    with pytest.raises(WrongWorkshop):
        store.measurements.add(other_ws.id, entry.id, "2027-01-31", 1.0)


def test_reviews_record_the_decision_newest_first(store, ws, kpis):
    store.reviews.add(ws.id, "2027-03-31", "keep", participants="Anna, Ben", candidate_id=kpis["cac"])
    store.reviews.add(ws.id, date(2027, 6, 30), "change_target", note="Ziel zu tief")
    assert [(r.date, r.decision) for r in store.reviews.list(ws.id)] == [
        (date(2027, 6, 30), "change_target"), (date(2027, 3, 31), "keep")]
    with pytest.raises(InvalidInput):
        store.reviews.add(ws.id, "2027-09-30", "shrug")
