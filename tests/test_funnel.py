"""Funnel maths: exact conversions and costs, "not available" instead of crashes, and suspicious jumps."""

from __future__ import annotations

import math

import numpy as np
import pytest

from kpi_logic.domain import STAGES
from kpi_logic.errors import InvalidInput
from kpi_logic.funnel import StageFigure, compute, required_volumes, to_frame

FULL = {
    "reach": 50_000,
    "lead": 2_000,
    "mql": 800,
    "sql": 400,
    "opportunity": 300,
    "customer": 150,
    "retention": 120,
}


def step(report, stage):
    return next(step for step in report.steps if step.stage == stage)


def test_lead_to_customer_is_customers_over_leads():
    report = compute({"lead": 2_000, "customer": 150})
    assert report.overall_conversion == pytest.approx(0.075)  # 150 ÷ 2,000 = 7.5 %
    assert step(report, "lead").conversion_to_next == pytest.approx(0.075)


@pytest.mark.parametrize(
    "stage,conversion",
    [("reach", 0.04), ("lead", 0.4), ("mql", 0.5), ("sql", 0.75), ("opportunity", 0.5), ("customer", 0.8),
     ("retention", None)],
)
def test_each_stage_converts_to_the_next(stage, conversion):
    assert step(compute(FULL), stage).conversion_to_next == pytest.approx(conversion)


def test_steps_follow_funnel_order_whatever_the_input_order():
    report = compute(dict(reversed(list(FULL.items()))))
    assert [step.stage for step in report.steps] == list(STAGES)


def test_overall_conversion_runs_from_first_to_last_known_stage():
    assert compute(FULL).overall_conversion == pytest.approx(120 / 50_000)
    assert compute({"mql": None, "sql": 400, "customer": 100, "retention": None}).overall_conversion == 0.25


@pytest.mark.parametrize(
    "spend,stage,cost",
    [(30_000, "lead", 15.0), (30_000, "sql", 75.0), (30_000, "customer", 200.0), (0, "lead", 0.0)],
)
def test_cost_per_unit_is_spend_over_volume(spend, stage, cost):
    assert step(compute(FULL, spend=spend), stage).cost_per_unit == pytest.approx(cost)


def test_cost_per_customer_is_spend_over_customers():
    assert compute(FULL, spend=30_000).cost_per_customer == pytest.approx(200.0)


@pytest.mark.parametrize(
    "volumes,spend",
    [
        ({"lead": 0, "mql": 0, "customer": 0}, 1_000),  # zeros everywhere
        ({"lead": None, "mql": None, "customer": None}, 1_000),  # nothing known
        ({"lead": 100}, 1_000),  # one stage only
        ({}, None),  # nothing given
    ],
)
def test_zero_or_missing_volumes_are_not_available_never_a_crash(volumes, spend):
    report = compute(volumes, spend=spend)
    assert report.overall_conversion is None
    assert report.cost_per_customer is None
    assert all(step.conversion_to_next is None for step in report.steps)


def test_zero_stage_gives_no_conversion_but_neighbours_still_compute():
    report = compute({"lead": 1_000, "mql": 0, "sql": 50, "opportunity": 25})
    assert step(report, "lead").conversion_to_next == 0.0
    assert step(report, "mql").conversion_to_next is None
    assert step(report, "sql").conversion_to_next == 0.5


def test_missing_stage_is_skipped_so_leads_convert_to_sqls():
    report = compute({"lead": 1_000, "sql": 100})
    assert [step.stage for step in report.steps] == ["lead", "sql"]
    assert step(report, "lead").conversion_to_next == pytest.approx(0.1)


def test_without_spend_costs_are_not_available():
    report = compute(FULL)
    assert report.cost_per_customer is None
    assert all(step.cost_per_unit is None for step in report.steps)


@pytest.mark.parametrize(
    "volumes,expected",
    [
        (FULL, []),
        ({"lead": 100, "mql": 120}, [("mql", "lead")]),
        # compared with the nearest earlier stage that has a figure
        ({"lead": 100, "mql": None, "sql": 150}, [("sql", "lead")]),
        ({"lead": 100, "mql": 0, "sql": 5}, [("sql", "mql")]),
        # retention is treated like every other stage
        ({"customer": 10, "retention": 12}, [("retention", "customer")]),
        ({"lead": 10, "mql": 10}, []),  # equal is fine
        ({"lead": 10, "mql": 20, "sql": 30}, [("mql", "lead"), ("sql", "mql")]),
    ],
)
def test_later_stage_larger_than_earlier_is_reported(volumes, expected):
    anomalies = compute(volumes).anomalies
    assert [(anomaly.stage, anomaly.earlier_stage) for anomaly in anomalies] == expected


def test_anomaly_carries_both_volumes():
    [anomaly] = compute({"lead": 100, "mql": 120}).anomalies
    assert (anomaly.volume, anomaly.earlier_volume) == (120, 100)


@pytest.mark.parametrize(
    "volumes,spend",
    [
        ({"lead": -1}, None),
        ({"lead": math.nan}, None),
        ({"lead": math.inf}, None),
        ({"lead": "100"}, None),
        ({"lead": True}, None),
        ({"funnel_top": 100}, None),
        ({"lead": 100}, -5),
        ({"lead": 100}, math.nan),
    ],
)
def test_negative_nan_infinite_or_unknown_input_is_refused(volumes, spend):
    with pytest.raises(InvalidInput):
        compute(volumes, spend=spend)


def test_stage_figures_and_numpy_numbers_are_accepted():
    report = compute([StageFigure("customer", np.int64(150)), StageFigure("lead", np.float64(2_000))])
    assert report.overall_conversion == pytest.approx(0.075)


@pytest.mark.parametrize("language,label", [("de", "Kunde (Abschluss)"), ("en", "Customer (deal)")])
def test_frame_has_labels_in_the_chosen_language(language, label):
    frame = to_frame(compute({"lead": 2_000, "mql": 0, "customer": 150}), language)
    assert list(frame.columns) == ["stage", "label", "volume", "conversion_to_next", "cost_per_unit"]
    assert frame.loc[2, "label"] == label
    assert math.isnan(frame.loc[1, "conversion_to_next"])  # not available stays visible as NaN
    assert frame.loc[0, "conversion_to_next"] == 0.0


@pytest.mark.parametrize(
    "target,rates,expected",
    [
        (10, {"opportunity": 0.25, "sql": 0.5}, {"sql": 80, "opportunity": 40, "customer": 10}),
        (10, {"opportunity": 0.3}, {"opportunity": 34, "customer": 10}),  # rounded up
        (10, {"opportunity": 0.1, "sql": 0.1}, {"sql": 1_000, "opportunity": 100, "customer": 10}),
        # planning stops at the first stage without a rate
        (5, {"opportunity": 0.5, "mql": 0.5}, {"opportunity": 10, "customer": 5}),
    ],
)
def test_required_volumes_plan_backwards_from_the_customer_target(target, rates, expected):
    assert required_volumes(target, rates) == expected


@pytest.mark.parametrize(
    "target,rates",
    [(-1, {}), (None, {}), (10, {"sql": 0}), (10, {"sql": 1.5}), (10, {"nowhere": 0.5})],
)
def test_required_volumes_refuse_bad_targets_and_rates(target, rates):
    with pytest.raises(InvalidInput):
        required_volumes(target, rates)
