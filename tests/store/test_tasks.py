"""Rules of `store.tasks`: the action plan's steps."""

from __future__ import annotations

import pytest

from kpi_logic.errors import InvalidInput


def test_tasks_are_planned_done_and_deleted(store, ws):
    late = store.tasks.add(ws.id, 2, "Datenquelle klären", owner="Ben", due="2027-05-01")
    early = store.tasks.add(ws.id, 2, "Dashboard bauen", due="2027-04-01")
    first = store.tasks.add(ws.id, 1, "Ziele festhalten")
    assert [t.id for t in store.tasks.list(ws.id)] == [first.id, early.id, late.id]
    assert store.tasks.update(ws.id, late.id, done=True).done is True
    store.tasks.delete(ws.id, early.id)
    assert [t.id for t in store.tasks.list(ws.id)] == [first.id, late.id]


@pytest.mark.parametrize("step, title", [(0, "x"), (6, "x"), (1, ""), (1, "t" * 121)])
def test_bad_task_is_refused(store, ws, step, title):
    with pytest.raises(InvalidInput):
        store.tasks.add(ws.id, step, title)
    assert store.tasks.list(ws.id) == []
