"""Funnel maths: conversion between stages, cost per stage and per customer, and implausible jumps."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from kpi_logic.domain import STAGE_LABELS, STAGES, label
from kpi_logic.errors import InvalidInput

CUSTOMER_STAGE = "customer"
# Planning backwards rounds up to whole units; rounding first keeps 10 ÷ 0.1 at 100, not 101.
_PLANNING_DECIMALS = 9


@dataclass(frozen=True)
class StageFigure:
    """The volume counted at one funnel stage in a period (None: not known)."""

    stage: str
    volume: float | None


@dataclass(frozen=True)
class StageStep:
    """One stage of the computed funnel; None means "not available"."""

    stage: str
    volume: float | None
    conversion_to_next: float | None
    cost_per_unit: float | None


@dataclass(frozen=True)
class Anomaly:
    """A later stage with more volume than the stage before it: usually a counting error."""

    stage: str
    volume: float
    earlier_stage: str
    earlier_volume: float


@dataclass(frozen=True)
class FunnelReport:
    """The funnel computed from stage volumes and optional spend."""

    steps: tuple[StageStep, ...]
    overall_conversion: float | None  # first stage with a volume → last stage with a volume
    cost_per_customer: float | None
    anomalies: tuple[Anomaly, ...]


def _amount(value: object, what: str) -> float | None:
    """A non-negative finite number or None; anything else is InvalidInput."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidInput(f"{what} must be a number, got {value!r}.")
    if not math.isfinite(value) or value < 0:
        raise InvalidInput(f"{what} must be a finite number of at least 0, got {value!r}.")
    return float(value)


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator ÷ denominator, or None when either is unknown or the denominator is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def _stage_volumes(
    volumes: Mapping[str, float | None] | Iterable[StageFigure],
) -> dict[str, float | None]:
    """The given volumes, checked, in funnel order."""
    pairs = (
        volumes.items()
        if isinstance(volumes, Mapping)
        else ((figure.stage, figure.volume) for figure in volumes)
    )
    checked: dict[str, float | None] = {}
    for stage, volume in pairs:
        if stage not in STAGES:
            raise InvalidInput(f"Unknown funnel stage {stage!r}; expected one of {', '.join(STAGES)}.")
        checked[stage] = _amount(volume, f"Volume at stage {stage!r}")
    return {stage: checked[stage] for stage in STAGES if stage in checked}


def _anomalies(volumes: dict[str, float | None]) -> tuple[Anomaly, ...]:
    """Stages whose volume exceeds the nearest earlier stage with a known volume.

    Every stage is treated alike, retention included: retained customers come from the
    customers counted before, so more retained than won customers is as suspect as more SQLs
    than MQLs.
    """
    found = []
    earlier: tuple[str, float] | None = None
    for stage, volume in volumes.items():
        if volume is None:
            continue
        if earlier is not None and volume > earlier[1]:
            found.append(Anomaly(stage, volume, earlier[0], earlier[1]))
        earlier = (stage, volume)
    return tuple(found)


def compute(
    volumes: Mapping[str, float | None] | Iterable[StageFigure], spend: float | None = None
) -> FunnelReport:
    """The funnel report for the given stages (in STAGES order; missing stages are skipped).

    `conversion_to_next` compares a stage with the next stage given, so a funnel without MQL
    figures still converts leads to SQLs. Zero or unknown volumes give None, never a division error.
    """
    checked = _stage_volumes(volumes)
    spend = _amount(spend, "Spend")
    stages = list(checked)
    following = stages[1:] + [None]
    steps = tuple(
        StageStep(
            stage=stage,
            volume=checked[stage],
            conversion_to_next=_ratio(checked.get(next_stage), checked[stage]) if next_stage else None,
            cost_per_unit=_ratio(spend, checked[stage]),
        )
        for stage, next_stage in zip(stages, following)
    )
    known = [volume for volume in checked.values() if volume is not None]
    overall = _ratio(known[-1], known[0]) if len(known) >= 2 else None
    return FunnelReport(
        steps=steps,
        overall_conversion=overall,
        cost_per_customer=_ratio(spend, checked.get(CUSTOMER_STAGE)),
        anomalies=_anomalies(checked),
    )


def to_frame(report: FunnelReport, language: str) -> pd.DataFrame:
    """The steps as a table for pages and charts; unavailable numbers are NaN."""
    return pd.DataFrame(
        {
            "stage": [step.stage for step in report.steps],
            "label": [label(STAGE_LABELS, step.stage, language) for step in report.steps],
            "volume": pd.Series([step.volume for step in report.steps], dtype="float64"),
            "conversion_to_next": pd.Series(
                [step.conversion_to_next for step in report.steps], dtype="float64"
            ),
            "cost_per_unit": pd.Series(
                [step.cost_per_unit for step in report.steps], dtype="float64"
            ),
        }
    )


def required_volumes(target_customers: float, rates: Mapping[str, float]) -> dict[str, int]:
    """Volumes needed per stage to win `target_customers`, planning backwards from the deal.

    `rates[stage]` is the conversion from that stage to the next one in STAGES (e.g. rates["sql"]
    = SQL → opportunity). Planning walks back from the customer stage and stops at the first
    stage without a rate. Each stage is rounded up: half a lead cannot be bought.
    """
    target = _amount(target_customers, "Customer target")
    if target is None:
        raise InvalidInput("A customer target is required.")
    for stage, rate in rates.items():
        if stage not in STAGES:
            raise InvalidInput(f"Unknown funnel stage {stage!r}.")
        checked = _amount(rate, f"Rate at stage {stage!r}")
        if checked is None or not 0 < checked <= 1:
            raise InvalidInput(f"Rate at stage {stage!r} must be above 0 and at most 1, got {rate!r}.")
    needed = {CUSTOMER_STAGE: math.ceil(round(target, _PLANNING_DECIMALS))}
    for stage in reversed(STAGES[: STAGES.index(CUSTOMER_STAGE)]):
        if stage not in rates:
            break
        next_stage = STAGES[STAGES.index(stage) + 1]
        needed[stage] = math.ceil(round(needed[next_stage] / rates[stage], _PLANNING_DECIMALS))
    return {stage: needed[stage] for stage in STAGES if stage in needed}
