"""The review chart: a KPI's actual values against its plan, target and baseline, target date marked."""

from __future__ import annotations

import copy
import textwrap
from collections.abc import Sequence
from functools import lru_cache
from datetime import date

import altair as alt
import pandas as pd

from kpi_logic.charts import arrow_datasets, projector_style, vega_spec
from kpi_logic.i18n import t
from kpi_logic.review import Point
from kpi_logic.records import ShortlistEntry

ACTUAL, PLAN, TARGET, BASELINE, TARGET_DATE = "actual", "plan", "target", "baseline", "target_date"
# Okabe–Ito colours: the actual line stands out, the plan is grey, target and baseline differ by hue.
SERIES_COLORS: dict[str, str] = {
    ACTUAL: "#0072B2",
    PLAN: "#999999",
    TARGET: "#009E73",
    BASELINE: "#E69F00",
    TARGET_DATE: "#555555",
}
# The locale's own date and number forms: the chart carries `formatting.vega_locale` (9’800, 31.12.2027).
DATE_FORMAT = "%x"
NUMBER_FORMAT = ",.2~f"
HEIGHT = 420
# The five legend entries in two rows of three, which fit a 390 px phone, so the plot keeps its
# height; about 30 title characters a line still fit the phone.
LEGEND_COLUMNS = 3
TITLE_LINE = 30


def _when(day: date) -> str:
    # A date-time without zone is read as local time by Vega, so 1 March never shows as 28 February.
    return f"{day.isoformat()}T00:00:00"


SPEC_CACHE_SIZE = 64  # a few shortlists of 3–5 KPIs in two languages


def kpi_chart_spec(name: str, points: tuple[Point, ...], entry: ShortlistEntry, start: date, language: str,
                   unit: str | None = None) -> dict:
    """One KPI's chart as a Vega-Lite spec with Arrow datasets, built once per set of values and plan.

    The review page draws every shortlisted KPI's chart on every run while the values rarely change.
    Its inputs are frozen records, so Python's own hash keys the cache (Streamlit's cache hashed them
    at about 4 ms a chart). A deep copy goes out, so no caller can change the cached one.
    """
    return copy.deepcopy(_cached_spec(name, points, entry, start, language, unit))


@lru_cache(maxsize=SPEC_CACHE_SIZE)
def _cached_spec(name: str, points: tuple[Point, ...], entry: ShortlistEntry, start: date, language: str,
                 unit: str | None) -> dict:
    return arrow_datasets(vega_spec(kpi_chart(name, points, entry, start, language, unit)))


def kpi_chart(
    name: str,
    points: Sequence[Point],
    entry: ShortlistEntry,
    start: date,
    language: str,
    unit: str | None = None,
) -> alt.LayerChart:
    """Actuals as line and points, the plan dashed, target and baseline as rules, the target date as a
    vertical rule; titled and labelled in `language`."""
    say = lambda key, **values: t(language, f"review.chart.{key}", **values)  # noqa: E731
    labels = {series: say(series) for series in SERIES_COLORS}
    series_title = say("series")
    color = alt.Color(
        "series:N",
        title=None,  # the legend's entries say what they are; a title line only takes chart height
        legend=alt.Legend(columns=LEGEND_COLUMNS),
        scale=alt.Scale(domain=list(labels.values()), range=list(SERIES_COLORS.values())),
    )
    value_title = say("value") + (f" ({unit})" if unit else "")
    date_format = DATE_FORMAT
    x = alt.X("when:T", title=say("period"),
              axis=alt.Axis(format=date_format, labelOverlap=True, labelFlush=True, tickCount=6))
    y = alt.Y("value:Q", title=value_title, scale=alt.Scale(zero=False),
              axis=alt.Axis(format=NUMBER_FORMAT))
    tooltip = [alt.Tooltip("series:N", title=series_title),
               alt.Tooltip("when:T", title=say("period"), format=date_format),
               alt.Tooltip("value:Q", title=value_title, format=NUMBER_FORMAT)]

    actual = pd.DataFrame(
        {"series": labels[ACTUAL], "when": [_when(p.period) for p in points], "value": [p.value for p in points]}
    )
    layers = [alt.Chart(actual).mark_line(point=alt.OverlayMarkDef(size=90), strokeWidth=3)
              .encode(x=x, y=y, color=color, tooltip=tooltip)]
    if entry.baseline is not None and entry.target is not None and entry.target_date is not None:
        plan = pd.DataFrame({"series": labels[PLAN], "when": [_when(start), _when(entry.target_date)],
                             "value": [entry.baseline, entry.target]})
        layers.append(alt.Chart(plan).mark_line(strokeDash=[6, 4], strokeWidth=2)
                      .encode(x=x, y=y, color=color, tooltip=tooltip))
    levels = [(labels[key], value) for key, value in ((TARGET, entry.target), (BASELINE, entry.baseline))
              if value is not None]
    if levels:
        rules = pd.DataFrame(levels, columns=["series", "value"])
        layers.append(alt.Chart(rules).mark_rule(strokeWidth=2)
                      .encode(y=y, color=color, tooltip=["series:N", alt.Tooltip("value:Q", format=NUMBER_FORMAT)]))
    if entry.target_date is not None:
        marker = pd.DataFrame({"series": [labels[TARGET_DATE]], "when": [_when(entry.target_date)]})
        layers.append(alt.Chart(marker).mark_rule(strokeDash=[2, 3], strokeWidth=2)
                      .encode(x=x, color=color,
                              tooltip=[alt.Tooltip("when:T", title=labels[TARGET_DATE], format=date_format)]))
    # Room on the right so the last date label is not cut off on a narrow phone screen.
    chart = alt.layer(*layers).properties(height=HEIGHT, padding={"left": 5, "top": 5, "right": 40, "bottom": 5})
    return projector_style(chart, textwrap.wrap(say("title", name=name), TITLE_LINE), language)
