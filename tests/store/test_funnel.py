"""Rules of `store.funnel`: figures replaced whole, in stage order."""

from __future__ import annotations

import math

import pytest

from kpi_logic.errors import InvalidInput


def test_funnel_figures_are_replaced_and_read_in_stage_order(store, ws):
    store.funnel.set(ws.id, [{"stage": "sql", "baseline_volume": 40},
                             {"stage": "lead", "baseline_volume": 400, "spend": 2000}])
    store.funnel.set(ws.id, [{"stage": "customer", "baseline_volume": 8},
                             {"stage": "lead", "baseline_volume": 500, "target_volume": 600}])
    figures = store.funnel.list(ws.id)
    assert [(f.stage, f.baseline_volume, f.spend) for f in figures] == [
        ("lead", 500.0, None), ("customer", 8.0, None)]


@pytest.mark.parametrize(
    "rows",
    [[{"stage": "moon"}], [{"stage": "lead", "baseline_volume": -1}],
     [{"stage": "lead", "spend": math.inf}], [{"stage": "lead"}, {"stage": "lead"}]],
)
def test_bad_funnel_rows_are_refused(store, ws, rows):
    store.funnel.set(ws.id, [{"stage": "lead", "baseline_volume": 100}])
    with pytest.raises(InvalidInput):
        store.funnel.set(ws.id, rows)
    assert [f.baseline_volume for f in store.funnel.list(ws.id)] == [100.0]
