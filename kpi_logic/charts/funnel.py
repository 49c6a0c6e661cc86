"""The funnel chart: volumes per stage today and as target, conversions, and which KPIs measure a stage."""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache

import altair as alt
import pandas as pd

from kpi_logic.charts import NEUTRAL_COLOR, TEAM_COLORS, VANITY_COLOR, by_width, projector_style, vega_spec
from kpi_logic.domain import STAGE_LABELS, STAGES, label
from kpi_logic.funnel import FunnelReport
from kpi_logic.funnel_view import BASELINE, SERIES, TARGET, amount_text, percent_text
from kpi_logic.i18n import t

# Each stage is one band of four lines: its name, the KPIs measuring it, today's bar, the target's
# bar. Names sit inside the band rather than on the axis, so the bars keep their width on a 390 px
# phone, and the KPI names get a line of their own instead of being cut after the stage name.
HEADING, KPIS = "heading", "kpis"
LINES: tuple[str, ...] = (HEADING, KPIS, *SERIES)
SERIES_COLORS: dict[str, str] = {BASELINE: NEUTRAL_COLOR, TARGET: TEAM_COLORS["marketing"]}
UNMEASURED_FILL = "#DDDDDD"
HEADING_COLOR = "#222222"
STAGE_HEIGHT = 100
LINEAR, LOG = "linear", "log"
SCALES: tuple[str, ...] = (LINEAR, LOG)
# The widest bar fills 60 % of the plot; the rest, right of the bars, holds "60’000 → 1.3%".
BAR_SHARE = 0.6


def _width(volume: float | None, top: float, scale: str) -> float:
    """A bar's width: proportional to the volume, or on the labelled log option to log10(1 + volume).

    Volumes span orders of magnitude (thousands reached, dozens won): the log option keeps the late
    stages visible; the numbers beside the bars always give the real volume.
    """
    if not volume:
        return 0.0
    if scale == LOG:
        return math.log10(1 + volume) / math.log10(1 + top) * top
    return float(volume)


def _bar_rows(reports: Mapping[str, FunnelReport], language: str, scale: str) -> pd.DataFrame:
    volumes = [step.volume or 0 for report in reports.values() for step in report.steps]
    top = max([*volumes, 1])
    rows = []
    for series, report in reports.items():
        steps = {step.stage: step for step in report.steps}
        for stage in STAGES:
            step = steps.get(stage)
            volume = step.volume if step is not None else None
            conversion = step.conversion_to_next if step is not None else None
            if volume is None:
                text = t(language, "funnel.not_available")
            else:
                text = amount_text(volume, language)
                if conversion is not None:
                    text += f"  → {percent_text(conversion, language)}"
            half = _width(volume, top, scale) / 2
            rows.append(
                {
                    "stage": label(STAGE_LABELS, stage, language),
                    "line": series,
                    "series": t(language, f"funnel.series.{series}"),
                    "volume": volume,
                    "left": -half,
                    "right": half,
                    "conversion": text,
                }
            )
    return pd.DataFrame(rows), top


def _stage_rows(measured_stages: Mapping[str, Sequence[str]], language: str) -> pd.DataFrame:
    rows = []
    for stage in STAGES:
        names = measured_stages.get(stage, ())
        kpis = ", ".join(names) if names else t(language, "funnel.chart.not_measured")
        rows.append(
            {
                "stage": label(STAGE_LABELS, stage, language),
                "heading": label(STAGE_LABELS, stage, language),
                "kpis": kpis,
                "measured": bool(names),
            }
        )
    return pd.DataFrame(rows)


def _stage_text(stages: pd.DataFrame, y: alt.Y, line: alt.YOffset, field: str, **mark: object) -> alt.Chart:
    """One text line per stage band (`field` of `_stage_rows`): dark when a KPI measures the stage."""
    return (
        alt.Chart(stages)
        .transform_calculate(line=f"'{field}'")
        # Cut a long KPI list with an ellipsis at the plot's edge rather than past it (phones).
        .mark_text(align="left", baseline="middle", dx=4, limit=alt.expr("width - 8"), **mark)
        .encode(
            y=y,
            yOffset=line,
            x=alt.value(0),
            text=f"{field}:N",
            color=alt.condition(alt.datum.measured, alt.value(HEADING_COLOR), alt.value(VANITY_COLOR)),
        )
    )


def funnel_chart(
    report_baseline: FunnelReport,
    report_target: FunnelReport,
    language: str,
    measured_stages: Mapping[str, Sequence[str]],
    scale: str = LINEAR,
) -> alt.LayerChart:
    """A funnel: centred bars per stage (today vs target), widths proportional to the volumes (`scale`
    LINEAR) or to their logarithm (LOG, said in the axis title), each labelled "2’000 → 40.0%".

    `measured_stages` maps a stage to the names of the shortlisted KPIs on it; stages without a KPI
    are shaded grey and say "not measured", since nobody will notice when they leak.
    """
    bars, top = _bar_rows({BASELINE: report_baseline, TARGET: report_target}, language, scale)
    stages = _stage_rows(measured_stages, language)
    stage_order = [label(STAGE_LABELS, stage, language) for stage in STAGES]

    y = alt.Y(
        "stage:N",
        sort=stage_order,
        title=t(language, "words.stage"),
        axis=alt.Axis(labels=False, ticks=False, domain=False),
    )
    line = alt.YOffset("line:N", sort=list(LINES), scale=alt.Scale(domain=list(LINES)))
    # The axis only says what the widths mean: the numbers stand beside the bars.
    domain = [-top / 2, top / 2 + top * (1 - BAR_SHARE) / BAR_SHARE]
    x = alt.X(
        "left:Q",
        title=t(language, f"funnel.chart.x.{scale}"),
        scale=alt.Scale(domain=domain, nice=False),
        axis=alt.Axis(labels=False, ticks=False, grid=False),
    )

    shade = (
        alt.Chart(stages)
        .transform_filter(alt.datum.measured == False)  # noqa: E712 (a Vega expression, not Python)
        .mark_rect(color=UNMEASURED_FILL, opacity=0.5, strokeDash=[6, 4], stroke="#888888")
        .encode(y=y, x=alt.value(0), x2=alt.value("width"))
    )
    headings = _stage_text(stages, y, line, HEADING, fontWeight="bold")
    kpi_lines = _stage_text(stages, y, line, KPIS, fontSize=by_width(12, 14))
    series_scale = alt.Scale(
        domain=[t(language, f"funnel.series.{series}") for series in SERIES],
        range=[SERIES_COLORS[series] for series in SERIES],
    )
    volume_bars = (
        alt.Chart(bars)
        .mark_bar(height={"band": 0.9})
        .encode(
            y=y,
            yOffset=line,
            x=x,
            x2="right:Q",
            color=alt.Color("series:N", scale=series_scale, title=None),
            tooltip=[
                alt.Tooltip("stage:N", title=t(language, "words.stage")),
                alt.Tooltip("series:N", title=t(language, "funnel.chart.series")),
                alt.Tooltip("volume:Q", title=t(language, "funnel.chart.volume"), format=",.0f"),
            ],
        )
    )
    conversions = (
        alt.Chart(bars)
        .mark_text(align="left", baseline="middle", dx=6)
        .encode(
            y=y,
            yOffset=line,
            x=alt.X("right:Q", scale=alt.Scale(domain=domain, nice=False)),
            text="conversion:N",
        )
    )
    chart = alt.layer(shade, volume_bars, conversions, headings, kpi_lines).properties(
        height=STAGE_HEIGHT * len(STAGES), width="container"
    )
    return projector_style(chart, t(language, "words.funnel_chart_title"), language)


def funnel_spec(
    report_baseline: FunnelReport,
    report_target: FunnelReport,
    language: str,
    measured_stages: Mapping[str, Sequence[str]],
    scale: str = LINEAR,
) -> dict:
    """The funnel chart as a Vega-Lite spec (see charts.vega_spec), built once per set of figures.

    The funnel and share pages draw it on every run while the figures rarely change; building it
    was most of both pages' time. A deep copy goes out, so no caller can change the cached one.
    """
    measured = tuple((stage, tuple(names)) for stage, names in measured_stages.items())
    return copy.deepcopy(_cached_spec(report_baseline, report_target, language, measured, scale))


@lru_cache(maxsize=32)
def _cached_spec(
    report_baseline: FunnelReport,
    report_target: FunnelReport,
    language: str,
    measured: tuple[tuple[str, tuple[str, ...]], ...],
    scale: str,
) -> dict:
    return vega_spec(funnel_chart(report_baseline, report_target, language, dict(measured), scale))
