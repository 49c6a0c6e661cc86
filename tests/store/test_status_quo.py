"""Rules of `store.status_quo`: today's KPIs and their verdicts, batches whole or not at all."""

from __future__ import annotations

import pytest

from kpi_logic.errors import InvalidInput, KpiWorkshopError, WrongWorkshop


def test_status_kpis_with_one_bad_row_leave_nothing_behind(store, ws):
    rows = [{"name": "Follower", "current_value": "12 000"},
            {"name": "Leads", "verdict": "maybe"},
            {"name": "Umsatz"}]
    with pytest.raises(InvalidInput, match=r"rows\[1\]\.verdict"):
        store.status_quo.add_many(ws.id, rows)
    assert store.status_quo.list(ws.id) == []


def test_status_kpi_verdicts_can_be_set_and_cleared(store, ws):
    kpi = store.status_quo.add(ws.id, "Follower", description="Instagram")
    assert store.status_quo.set_verdict(ws.id, kpi.id, "vanity").verdict == "vanity"
    assert store.status_quo.set_verdict(ws.id, kpi.id, None).verdict is None
    store.status_quo.delete(ws.id, kpi.id)
    assert store.status_quo.list(ws.id) == []


def test_status_verdicts_and_removals_are_saved_together(store, ws):
    rows = [{"name": "Follower"}, {"name": "Leads"}, {"name": "Umsatz"}]
    follower, leads, revenue = store.status_quo.add_many(ws.id, rows)
    store.status_quo.set_verdicts(ws.id, {follower.id: "vanity", leads.id: "keep"}, remove=[revenue.id])
    judged = [(kpi.name, kpi.verdict) for kpi in store.status_quo.list(ws.id)]
    assert judged == [("Follower", "vanity"), ("Leads", "keep")]


@pytest.mark.parametrize(
    "verdicts,remove",
    [({0: "maybe"}, []), ({0: "keep", 999: "drop"}, []), ({0: "keep"}, [999]), ({0: "keep"}, ["zwei"])],
    ids=["unknown-verdict", "unknown-kpi", "unknown-removal", "text-id"],
)
def test_a_verdict_batch_with_one_bad_entry_stores_nothing(store, ws, verdicts, remove):
    follower, leads = store.status_quo.add_many(ws.id, [{"name": "Follower"}, {"name": "Leads"}])
    verdicts = {follower.id if key == 0 else key: verdict for key, verdict in verdicts.items()}
    with pytest.raises(KpiWorkshopError):
        store.status_quo.set_verdicts(ws.id, {leads.id: "drop", **verdicts}, remove=[leads.id, *remove])
    assert store.status_quo.list(ws.id) == [follower, leads]


def test_a_verdict_batch_cannot_touch_another_workshops_kpis(store, ws, other_ws):
    mine = store.status_quo.add(ws.id, "Follower")
    theirs = store.status_quo.add(other_ws.id, "Leads")
    with pytest.raises(WrongWorkshop):
        store.status_quo.set_verdicts(ws.id, {mine.id: "keep"}, remove=[theirs.id])
    assert store.status_quo.list(ws.id) == [mine] and store.status_quo.list(other_ws.id) == [theirs]
