"""Glue between the stored funnel figures and the funnel page: editor table, reports, readable figures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from kpi_logic.domain import STAGE_LABELS, STAGES, label
from kpi_logic.formatting import format_money, format_number, format_percent
from kpi_logic.funnel import FunnelReport, compute
from kpi_logic.i18n import t
from kpi_logic.table_edits import editor_cell
from kpi_logic.shortlist import ShortlistItem
from kpi_logic.records import FunnelFigure
from kpi_logic.validation import FUNNEL_FIELDS, clean

LABEL_COLUMN = "label"
# The editor's number columns: volume today, volume aimed for, and what the stage costs.
FIGURE_COLUMNS: tuple[str, ...] = tuple(field for field in FUNNEL_FIELDS if field != "stage")
BASELINE, TARGET = "baseline", "target"
SERIES: tuple[str, ...] = (BASELINE, TARGET)


@dataclass(frozen=True)
class FunnelReports:
    """The funnel today and as planned; spend (the sum over stages) only applies to today."""

    baseline: FunnelReport
    target: FunnelReport
    spend: float | None

    def by_series(self) -> dict[str, FunnelReport]:
        return {BASELINE: self.baseline, TARGET: self.target}


def editor_frame(figures: Sequence[FunnelFigure], language: str) -> pd.DataFrame:
    """One editor row per funnel stage, in funnel order (index = stage), blanks where nothing is known."""
    by_stage = {figure.stage: figure for figure in figures}
    frame = pd.DataFrame(
        {LABEL_COLUMN: [label(STAGE_LABELS, stage, language) for stage in STAGES]},
        index=pd.Index(STAGES, name="stage"),
    )
    for column in FIGURE_COLUMNS:
        frame[column] = pd.Series(
            [getattr(by_stage[stage], column) if stage in by_stage else None for stage in STAGES],
            index=frame.index,
            dtype="float64",
        )
    return frame


def figure_rows(edited: pd.DataFrame) -> list[dict[str, Any]]:
    """The edited table as checked rows for `store.funnel.set`; stages without any figure are left out.

    Checked with the store's own rules (finite, at least 0) so the page can compute the funnel from
    the rows before it writes them; InvalidInput names the stage and column.
    """
    rows = []
    for stage, row in edited.iterrows():
        values = {column: editor_cell(row.get(column)) for column in FIGURE_COLUMNS}
        if any(value is not None for value in values.values()):
            rows.append(clean(FUNNEL_FIELDS, {"stage": stage, **values}, path=f"{stage}."))
    return rows


def reports(rows: Sequence[Mapping[str, Any]] | Sequence[FunnelFigure]) -> FunnelReports:
    """Both funnels computed from stored figures or edited rows; InvalidInput on a bad number."""
    rows = [row if isinstance(row, Mapping) else asdict(row) for row in rows]
    spends = [row.get("spend") for row in rows if row.get("spend") is not None]
    spend = sum(spends) if spends else None
    return FunnelReports(
        baseline=compute({row["stage"]: row.get("baseline_volume") for row in rows}, spend),
        target=compute({row["stage"]: row.get("target_volume") for row in rows}),
        spend=spend,
    )


def kpis_by_stage(items: Sequence[ShortlistItem]) -> dict[str, tuple[str, ...]]:
    """The names of the shortlisted KPIs that measure each stage (stages without a KPI left out)."""
    placed: dict[str, list[str]] = {}
    for item in items:
        if item.stage in STAGES:
            placed.setdefault(item.stage, []).append(item.name)
    return {stage: tuple(names) for stage, names in placed.items()}


def percent_text(value: float | None, language: str) -> str:
    """A share as "12.5%", or "k. A."/"n/a" when it cannot be computed (no stage to divide by)."""
    return format_percent(value, language, missing=t(language, "funnel.not_available"))


def amount_text(value: float | None, language: str) -> str:
    """A volume with thousands separators (Swiss ’ in German), or "k. A."/"n/a"."""
    return format_number(value, language, decimals=0, missing=t(language, "funnel.not_available"))


def money_text(value: float | None, language: str) -> str:
    """A cost in francs ("CHF 20.00"), or "k. A."/"n/a" when nothing was spent or nothing came out."""
    return format_money(value, language, missing=t(language, "funnel.not_available"))


def stage_table(funnel: FunnelReports, language: str) -> pd.DataFrame:
    """Volumes, conversions and cost per stage as readable text; columns are keys the page labels."""
    steps = {series: {step.stage: step for step in report.steps} for series, report in funnel.by_series().items()}

    def value(series: str, stage: str, attribute: str) -> float | None:
        step = steps[series].get(stage)
        return getattr(step, attribute) if step is not None else None

    return pd.DataFrame(
        {
            LABEL_COLUMN: [label(STAGE_LABELS, stage, language) for stage in STAGES],
            "baseline_volume": [amount_text(value(BASELINE, s, "volume"), language) for s in STAGES],
            "target_volume": [amount_text(value(TARGET, s, "volume"), language) for s in STAGES],
            "baseline_conversion": [
                percent_text(value(BASELINE, s, "conversion_to_next"), language) for s in STAGES
            ],
            "target_conversion": [
                percent_text(value(TARGET, s, "conversion_to_next"), language) for s in STAGES
            ],
            "cost_per_unit": [
                money_text(value(BASELINE, s, "cost_per_unit"), language) for s in STAGES
            ],
        }
    )
