"""Rules of `store.goals`: at most three, checked fields, owned by one workshop."""

from __future__ import annotations

from datetime import date
import math

import pytest

from kpi_logic.errors import InvalidInput, WrongWorkshop


def test_a_workshop_has_at_most_three_goals(store, ws):
    for title in ("Umsatz", "Marge", "Neukunden"):
        store.goals.add(ws.id, title, metric="CHF", baseline=1.0, target=2.0, deadline="2027-12-31")
    with pytest.raises(InvalidInput, match="at most 3"):
        store.goals.add(ws.id, "Vierte")
    assert [g.title for g in store.goals.list(ws.id)] == ["Umsatz", "Marge", "Neukunden"]
    assert store.goals.list(ws.id)[0].deadline == date(2027, 12, 31)


@pytest.mark.parametrize(
    "fields",
    [{"title": ""}, {"baseline": math.nan}, {"target": math.inf}, {"target": "viel"},
     {"deadline": "2101-01-01"}, {"colour": "red"}],
)
def test_bad_goal_change_is_refused(store, ws, fields):
    goal = store.goals.add(ws.id, "Umsatz")
    with pytest.raises(InvalidInput):
        store.goals.update(ws.id, goal.id, **fields)
    assert store.goals.list(ws.id) == [goal]


def test_goal_of_another_workshop_cannot_be_changed(store, ws, other_ws):
    goal = store.goals.add(other_ws.id, "Umsatz")
    with pytest.raises(WrongWorkshop):
        store.goals.update(ws.id, goal.id, title="Gekapert")
    with pytest.raises(WrongWorkshop):
        store.goals.delete(ws.id, goal.id)


def test_deleted_goal_is_unlinked_from_the_shortlist(store, ws, kpis):
    goal = store.goals.add(ws.id, "Umsatz")
    store.shortlist.set(ws.id, [kpis["win_rate"]], "Anna")
    entry = store.shortlist.list(ws.id)[0]
    store.shortlist.update_entry(ws.id, entry.id, "Anna", goal_ids=[goal.id])
    store.goals.delete(ws.id, goal.id)
    assert store.shortlist.list(ws.id)[0].goal_ids == ()
